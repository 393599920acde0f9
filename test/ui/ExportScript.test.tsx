// @vitest-environment happy-dom
/**
 * The Saved tab's export to a simulator against the real store and engine
 * client over a worker the test answers by hand: without the state one .py
 * and no snapshot asked for; with it one zip of exactly the script and the
 * .npz that exportScript makes from the worker's snapshot; a failed snapshot
 * is said in the status line, and the button waits for each export.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { exportScript, stateFileName } from '@/export';
import { parseGenome, PRESETS } from '@/model';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { createAppStore } from '@/store';
import { AppContext } from '@/ui/app-context';
import { ExportScript } from '@/ui/ExportScript';
import { EngineClient } from '@/worker/client';
import type { FromWorker, ToWorker } from '@/worker/protocol';

afterEach(cleanup);

const NO_PERSISTENCE = new Promise<never>(() => {});
const genome = parseGenome(PRESETS.balanced.genome({ neurons: 100 }));
const connectome = buildConnectome(genome);
const STEM = 'Balanced-network-with-a-Poisson-retina';

/** The network after 50 ms (500 steps of 0.1 ms) on the CPU engine: what the worker answers a snapshot request with. */
async function learnedSnapshot(): Promise<EngineSnapshot> {
  const engine = new CpuEngine(buildConnectome(genome));
  engine.step(500);
  engine.takeFrame();
  return engine.snapshot();
}

interface Download {
  name: string;
  bytes: Uint8Array | string;
  type?: string;
}

/** The section on a store running the balanced network with Digit 3 on its retina; the worker's snapshot requests wait for `reply`. */
function exportSection() {
  const requests: number[] = [];
  const worker = {
    postMessage: (message: ToWorker) => {
      if (message.type === 'snapshot') requests.push(message.id);
    },
    terminate() {},
  } as unknown as Worker;
  const client = new EngineClient(worker);
  const reply = (message: FromWorker) => act(() => worker.onmessage!({ data: message } as MessageEvent<FromWorker>));
  const store = createAppStore();
  store.getState().applyWorkerEvent({ type: 'ready', backend: 'cpu', genomeName: genome.name, genome, dtMs: 0.1, neurons: 356, synapses: 0, populations: connectome.populations });
  store.getState().setBound('retina', { binding: { sensor: 'retina', stimulus: 'digit-3' }, label: 'Digit 3', program: { label: 'digit 3', patterns: [], presentMs: 100, restMs: 0, loop: true } });
  const downloads: Download[] = [];
  const said: string[] = [];
  render(
    <AppContext.Provider value={{ store, client, views: { connectome: null }, persistence: NO_PERSISTENCE }}>
      <ExportScript download={(name, bytes, type) => downloads.push({ name, bytes, type })} say={(text) => said.push(text)} />
    </AppContext.Provider>,
  );
  return { requests, reply, downloads, said, button: screen.getByRole('button', { name: 'Export script' }) };
}

describe('the export to a simulator', () => {
  it('offers Brian2 (first) and PyNN, with the learned state checked', () => {
    exportSection();
    const group = screen.getByRole('group', { name: 'Export to a simulator' });
    expect(group).toBeTruthy();
    const options = screen.getByLabelText<HTMLSelectElement>('Simulator').options;
    expect(Array.from(options, (option) => [option.value, option.text])).toEqual([
      ['brian2', 'Brian2'],
      ['pynn', 'PyNN'],
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('with the learned state').checked).toBe(true);
  });

  it('Brian2 without the state: no snapshot asked for, one <stem>.py (text/x-python), and the one stimulus named as not carried over', async () => {
    const { requests, downloads, said, button } = exportSection();
    fireEvent.click(screen.getByLabelText('with the learned state'));
    fireEvent.click(button);
    await waitFor(() => expect(said).toHaveLength(1));
    expect(requests).toEqual([]);
    expect(downloads.map(({ name, type }) => [name, type])).toEqual([[`${STEM}.py`, 'text/x-python']]);
    expect(String(downloads[0].bytes).startsWith('#!/usr/bin/env python3')).toBe(true);
    // The balanced network's rules all have Brian2 equivalents: the bound stimulus is the only thing left out.
    expect(said).toEqual(["Exported; not carried over: stimulus on sensor retina is not exported: retina fires at its genome's rate_hz"]);
  });

  it("PyNN with the state: one snapshot asked for, the button disabled until it comes, then one <stem>-pynn.zip of exactly 2 files, byte for byte exportScript's script and .npz for that snapshot", async () => {
    const snapshot = await learnedSnapshot();
    const { requests, reply, downloads, said, button } = exportSection();
    fireEvent.change(screen.getByLabelText('Simulator'), { target: { value: 'pynn' } });
    fireEvent.click(button);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    reply({ type: 'snapshot', id: requests[0], snapshot, boundAt: {} });
    await waitFor(() => expect(said).toHaveLength(1));
    expect((button as HTMLButtonElement).disabled).toBe(false);

    const expected = exportScript('pynn', genome, { durationS: 1, source: 'the Neuroplay playground', boundSensors: ['retina'], snapshot, stateFile: stateFileName(STEM) });
    expect(downloads.map(({ name, type }) => [name, type])).toEqual([[`${STEM}-pynn.zip`, 'application/zip']]);
    const files = unzipSync(downloads[0].bytes as Uint8Array);
    expect(Object.keys(files).sort()).toEqual([`${STEM}-state.npz`, `${STEM}.py`]);
    expect(strFromU8(files[`${STEM}.py`])).toBe(expected.script);
    expect(files[`${STEM}-state.npz`]).toEqual(expected.state!.bytes);
    expect(said).toEqual([`Exported; not carried over: ${expected.warnings.join('; ')}`]);
    expect(said[0]).toContain('stimulus on sensor retina: retina keeps the rates it had at the snapshot');
  });

  it('a snapshot the worker cannot give: the reason in the status line, nothing downloaded, the button enabled again', async () => {
    const { requests, reply, downloads, said, button } = exportSection();
    fireEvent.click(button);
    await waitFor(() => expect(requests).toHaveLength(1));
    reply({ type: 'error', phase: 'run', message: 'the network is still growing', requestId: requests[0] });
    await waitFor(() => expect(said).toEqual(['Export failed: the network is still growing']));
    expect(downloads).toEqual([]);
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });
});
