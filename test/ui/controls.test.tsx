// @vitest-environment happy-dom
/**
 * The controls against the real store and the real engine client over a
 * worker that records what it is sent: each click and key becomes exactly
 * one message, shortcuts stand aside for fields and for draggable stimuli,
 * and nothing is sent before a network is loaded.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGenome, PRESETS } from '@/model';
import { buildConnectome } from '@/sim';
import { createAppStore, type AppStore } from '@/store';
import { AppContext } from '@/ui/app-context';
import { ControlBar } from '@/ui/ControlBar';
import { DeprivationSwitch } from '@/ui/DeprivationSwitch';
import { TeachControls } from '@/ui/TeachControls';
import { EngineClient } from '@/worker/client';
import type { ToWorker } from '@/worker/protocol';

afterEach(cleanup);

/** The controls never reach the library: a promise that never settles stands for it. */
const NO_PERSISTENCE = new Promise<never>(() => {});

const genome = parseGenome(PRESETS.balanced.genome({ neurons: 100 }));
const { populations } = buildConnectome(genome);

/** The page's controls on a store that has a running (or paused) network, and the messages they send. */
function controls(running = true): { sent: ToWorker[]; store: AppStore } {
  const sent: ToWorker[] = [];
  const worker = { postMessage: (message: ToWorker) => sent.push(message), terminate() {} } as unknown as Worker;
  const client = new EngineClient(worker);
  const store = createAppStore();
  store.getState().applyWorkerEvent({ type: 'ready', backend: 'cpu', genomeName: genome.name, genome, dtMs: 0.1, neurons: 356, synapses: 0, populations });
  store.getState().applyWorkerEvent({
    type: 'status',
    running,
    speed: 1,
    step: 0,
    simTimeMs: 0,
    realTimeFactor: 0,
    ratesHz: populations.map(() => 0),
    modulators: [0, 0],
    deprived: false,
    bindings: [],
    structure: { synapses: 0, grown: 0, pruned: 0, born: 0 },
  });
  render(
    <AppContext.Provider value={{ store, client, views: { connectome: null }, persistence: NO_PERSISTENCE }}>
      <ControlBar />
      <TeachControls />
      <DeprivationSwitch />
      <input aria-label="a field" />
      <div role="button" tabIndex={0} aria-label="a draggable stimulus" />
    </AppContext.Provider>,
  );
  return { sent, store };
}

describe('the controls', () => {
  it('Pause, Reward and Punish send pause and pulses of 1 (dopamine, aversion)', () => {
    const { sent } = controls();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    fireEvent.click(screen.getByRole('button', { name: /Reward/ }));
    fireEvent.click(screen.getByRole('button', { name: /Punish/ }));
    expect(sent).toEqual([{ type: 'pause' }, { type: 'pulse', modulator: 'dopamine', amount: 1 }, { type: 'pulse', modulator: 'aversion', amount: 1 }]);
  });

  it('keys: Space pauses, R rewards, P punishes; "." steps 100 steps of 0.1 ms only while paused', () => {
    const { sent } = controls();
    for (const key of [' ', 'r', 'p', '.']) fireEvent.keyDown(window, { key });
    expect(sent).toEqual([{ type: 'pause' }, { type: 'pulse', modulator: 'dopamine', amount: 1 }, { type: 'pulse', modulator: 'aversion', amount: 1 }]);
    cleanup();
    const paused = controls(false);
    fireEvent.keyDown(window, { key: '.' });
    expect(paused.sent).toEqual([{ type: 'step', steps: 100 }]);
  });

  it('shortcuts stand aside while typing in a field and when Space lifts a draggable stimulus: no message', () => {
    const { sent } = controls();
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'a field' }), { key: 'r' });
    fireEvent.keyDown(screen.getByRole('button', { name: 'a draggable stimulus' }), { key: ' ' });
    expect(sent).toEqual([]);
  });

  it('the deprivation switch sends deprive on; it turns only when the worker says so', () => {
    const { sent, store } = controls();
    const senses = screen.getByRole('switch', { name: /Sensory deprivation/ });
    fireEvent.click(senses);
    expect(sent).toEqual([{ type: 'deprive', on: true }]);
    expect(store.getState().deprived).toBe(false);
  });

  it('sends nothing before a network is loaded: every control is disabled', () => {
    const sent: ToWorker[] = [];
    const client = new EngineClient({ postMessage: (message: ToWorker) => sent.push(message), terminate() {} } as unknown as Worker);
    render(
      <AppContext.Provider value={{ store: createAppStore(), client, views: { connectome: null }, persistence: NO_PERSISTENCE }}>
        <ControlBar />
        <TeachControls />
      </AppContext.Provider>,
    );
    fireEvent.keyDown(window, { key: 'r' });
    fireEvent.keyDown(window, { key: ' ' });
    expect(screen.getByRole('button', { name: /Reward/ })).toHaveProperty('disabled', true);
    expect(sent).toEqual([]);
  });
});
