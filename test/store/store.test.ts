import { describe, expect, it } from 'vitest';
import { parseGenome, PRESETS } from '@/model';
import type { PopulationLayout } from '@/sim';
import { createAppStore, RATE_HISTORY, roundRate, selectCanCommand, selectEngineLabel, selectNeurons } from '@/store';
import type { WorkerEvent } from '@/worker/client';

const populations: PopulationLayout[] = [
  { index: 0, name: 'retina', start: 0, size: 256, capacity: 256, kind: 'spike_source', sign: 'excitatory', role: 'sensor' },
  { index: 1, name: 'E', start: 256, size: 800, capacity: 800, kind: 'lif', sign: 'excitatory', role: 'hidden' },
];
const genome = parseGenome(PRESETS.balanced.genome({ neurons: 1000 }));
const ready: WorkerEvent = { type: 'ready', backend: 'cpu', genomeName: 'test', genome, dtMs: 0.1, neurons: 1056, synapses: 9000, populations };
const structure = (synapses: number) => ({ synapses, grown: 0, pruned: 0, born: 0 });
const status = (running: boolean, ratesHz: number[], synapses = 9000): WorkerEvent => ({
  type: 'status',
  running,
  speed: 1,
  step: 12_340,
  simTimeMs: 1234,
  realTimeFactor: 0.9,
  ratesHz,
  modulators: [0.75, 0],
  deprived: true,
  bindings: [{ sensor: 'retina', label: 'digit 3', showing: 0, count: 1 }],
  structure: structure(synapses),
});

describe('the app store', () => {
  it('starts loading, with no experiment, no error, and no command possible', () => {
    const state = createAppStore().getState();
    expect([state.runState, state.experiment, state.error, selectCanCommand(state), selectEngineLabel(state)]).toEqual(['loading', null, null, false, '']);
  });

  it('takes a ready message as the experiment: engine "CPU", 1,056 neurons', () => {
    const store = createAppStore();
    store.getState().applyWorkerEvent(ready);
    expect(selectEngineLabel(store.getState())).toBe('CPU');
    expect(selectNeurons(store.getState())).toBe(1056);
    expect(store.getState().experiment?.populations.map((p) => p.name)).toEqual(['retina', 'E']);
  });

  it('takes a status: running, 1,234 ms, rates rounded to 0.1 Hz (19.87 -> 19.9, 4.04 -> 4.0), modulator levels and deprivation as sent', () => {
    const store = createAppStore();
    store.getState().applyWorkerEvent(ready);
    store.getState().applyWorkerEvent(status(true, [19.87, 4.04]));
    const s = store.getState();
    expect([s.runState, s.simTimeMs, s.realTimeFactor, selectCanCommand(s)]).toEqual(['running', 1234, 0.9, true]);
    expect(s.ratesHz[0]).toBeCloseTo(19.9, 12);
    expect(s.ratesHz[1]).toBeCloseTo(4.0, 12);
    expect(s.modulators).toEqual([0.75, 0]);
    expect(s.deprived).toBe(true);
  });

  it('shows an error until dismissed, and a dead worker stops the run for good (a later status cannot revive it)', () => {
    const store = createAppStore();
    store.getState().applyWorkerEvent(ready);
    store.getState().applyWorkerEvent({ type: 'error', phase: 'genome', message: 'populations[0].size: too small' });
    expect(store.getState().error).toEqual({ phase: 'genome', message: 'populations[0].size: too small' });
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
    store.getState().applyWorkerEvent({ type: 'error', phase: 'worker', message: 'The engine worker stopped' });
    store.getState().applyWorkerEvent(status(true, [1, 1]));
    expect(store.getState().runState).toBe('stopped');
    expect(selectCanCommand(store.getState())).toBe(false);
  });

  it('notifies a narrow subscriber only when its value changes: 1 call for 3 statuses with one new sim time', () => {
    const store = createAppStore();
    const seen: number[] = [];
    store.subscribe((state, previous) => {
      if (state.simTimeMs !== previous.simTimeMs) seen.push(state.simTimeMs);
    });
    store.getState().applyWorkerEvent(status(true, [1]));
    store.getState().applyWorkerEvent(status(true, [2]));
    store.getState().applyWorkerEvent(status(false, [2]));
    expect(seen).toEqual([1234]);
  });

  it('rounds rates half up to the 0.1 Hz grid: 0.05 -> 0.1, 0.04 -> 0, 12.36 -> 12.4', () => {
    expect(roundRate(0.05)).toBeCloseTo(0.1, 12);
    expect(roundRate(0.04)).toBe(0);
    expect(roundRate(12.36)).toBeCloseTo(12.4, 12);
  });
});

describe('rate strips', () => {
  it('append each running status (up to RATE_HISTORY), hold still while paused, and start over with a new network', () => {
    const store = createAppStore();
    store.getState().applyWorkerEvent(ready);
    for (let k = 0; k < RATE_HISTORY + 5; k++) store.getState().applyWorkerEvent(status(true, [k, 2 * k]));
    let history = store.getState().rateHistory;
    expect(history.map((h) => h.length)).toEqual([RATE_HISTORY, RATE_HISTORY]);
    expect([history[0][0], history[0][RATE_HISTORY - 1], history[1][RATE_HISTORY - 1]]).toEqual([5, RATE_HISTORY + 4, 2 * (RATE_HISTORY + 4)]);
    store.getState().applyWorkerEvent(status(false, [0, 0]));
    expect(store.getState().rateHistory).toBe(history);
    store.getState().applyWorkerEvent(ready);
    history = store.getState().rateHistory;
    expect(history).toEqual([]);
  });
});

describe('structure and inspection', () => {
  it('keeps the synapse count of each running status (up to RATE_HISTORY: 9,000 + k), holds it while paused, and starts over with a new network', () => {
    const store = createAppStore();
    store.getState().applyWorkerEvent(ready);
    for (let k = 0; k < RATE_HISTORY + 3; k++) store.getState().applyWorkerEvent(status(true, [0, 0], 9000 + k));
    const history = store.getState().synapseHistory;
    expect([history.length, history[0], history[RATE_HISTORY - 1]]).toEqual([RATE_HISTORY, 9003, 9000 + RATE_HISTORY + 2]);
    store.getState().applyWorkerEvent(status(false, [0, 0], 1));
    expect(store.getState().synapseHistory).toBe(history);
    expect(store.getState().structure.synapses).toBe(1);
    expect(store.getState().bindings).toEqual([{ sensor: 'retina', label: 'digit 3', showing: 0, count: 1 }]);
    store.getState().applyWorkerEvent(ready);
    expect(store.getState().synapseHistory).toEqual([]);
  });

  it('remembers the inspected neuron until a new network is grown', () => {
    const store = createAppStore();
    store.getState().applyWorkerEvent(ready);
    store.getState().inspect(300);
    expect(store.getState().inspected).toBe(300);
    store.getState().applyWorkerEvent(ready);
    expect(store.getState().inspected).toBeNull();
  });
});
