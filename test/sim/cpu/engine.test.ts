import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif } from './fixtures';
import { mixedNetwork } from './network';
import { plasticNetwork } from './plastic-network';

/** Spikes of `steps` steps as "step:neuron" strings, in emission order. */
function spikeTrain(engine: CpuEngine, steps: number): string[] {
  engine.step(steps);
  const frame = engine.takeFrame();
  return Array.from(frame.spikeNeuron, (n, k) => `${frame.spikeStep[k]}:${n}`);
}

describe('CpuEngine determinism', () => {
  // Every random draw is a pure function of (seed, stream, counter): two runs are one run.
  it('gives identical spike trains for the same connectome and seed (2,000 steps, every population active)', () => {
    const a = new CpuEngine(mixedNetwork(7));
    const b = new CpuEngine(mixedNetwork(7));
    const trainA = spikeTrain(a, 2_000);
    expect(trainA.length).toBeGreaterThan(500);
    expect(spikeTrain(b, 2_000)).toEqual(trainA);
  });

  it('gives a different spike train under a different seed (same wiring, other Poisson draws and phases)', () => {
    expect(spikeTrain(new CpuEngine(mixedNetwork(8)), 2_000)).not.toEqual(spikeTrain(new CpuEngine(mixedNetwork(7)), 2_000));
  });

  it('counts spikes per population whether or not spikes are recorded, and records none when recordSpikes is off', () => {
    const recorded = new CpuEngine(mixedNetwork());
    const counted = new CpuEngine(mixedNetwork(), { recordSpikes: false });
    recorded.step(1_000);
    counted.step(1_000);
    const a = recorded.takeFrame();
    const b = counted.takeFrame();
    expect(b.spikeNeuron.length).toBe(0);
    expect(Array.from(b.populationSpikes)).toEqual(Array.from(a.populationSpikes));
    expect(b.synapticEvents).toBe(a.synapticEvents);
    expect(a.populationSpikes.every((n) => n > 0)).toBe(true);
  });
});

describe('CpuEngine frames', () => {
  it('covers steps since the previous frame: [0, 300) then [300, 450), and resets its counts', async () => {
    const engine = new CpuEngine(mixedNetwork());
    engine.step(300);
    const first = await engine.readFrame();
    engine.step(150);
    const second = engine.takeFrame();
    expect([first.stepStart, first.stepEnd, second.stepStart, second.stepEnd]).toEqual([0, 300, 300, 450]);
    expect(first.spikeStep.every((s) => s < 300)).toBe(true);
    expect(second.spikeStep.every((s) => s >= 300 && s < 450)).toBe(true);
    expect(second.populationSpikes.reduce((a, b) => a + b, 0)).toBe(second.spikeNeuron.length);
    const empty = engine.takeFrame();
    expect([empty.spikeNeuron.length, empty.synapticEvents, empty.stepStart, empty.stepEnd]).toEqual([0, 0, 450, 450]);
  });

  it('refuses a step count that is not a whole number >= 0', () => {
    const engine = new CpuEngine(mixedNetwork());
    expect(() => engine.step(-1)).toThrow('steps must be a whole number >= 0, got -1');
    expect(() => engine.step(1.5)).toThrow('got 1.5');
  });
});

describe('CpuEngine snapshot and restore', () => {
  it('restores a snapshot taken at step 700 and runs 1,300 more steps spike for spike like the uninterrupted run', async () => {
    const uninterrupted = new CpuEngine(mixedNetwork());
    uninterrupted.step(700);
    const snapshot = await uninterrupted.snapshot();
    uninterrupted.takeFrame();
    const expected = spikeTrain(uninterrupted, 1_300);
    expect(expected.length).toBeGreaterThan(300);

    const resumed = new CpuEngine(mixedNetwork());
    resumed.step(123);
    await resumed.restore(snapshot);
    expect(resumed.stepCount).toBe(700);
    expect(spikeTrain(resumed, 1_300)).toEqual(expected);
    const [a, b] = [await uninterrupted.snapshot(), await resumed.snapshot()];
    for (const name of Object.keys(a.arrays)) expect(b.arrays[name], name).toEqual(a.arrays[name]);
  });

  it('copies the state: stepping after a snapshot leaves the snapshot as it was', async () => {
    const engine = new CpuEngine(mixedNetwork());
    engine.step(50);
    const snapshot = await engine.snapshot();
    const v = snapshot.arrays.v.slice();
    engine.step(50);
    expect(snapshot.arrays.v).toEqual(v);
    expect(snapshot.step).toBe(50);
  });

  it('refuses a snapshot of a different network, naming the array, its length and the expected length, and leaves the engine as it was', async () => {
    const other = new CpuEngine(handConnectome({ populations: [lif('cell', 3)] }));
    const engine = new CpuEngine(mixedNetwork());
    engine.step(10);
    const before = await engine.snapshot();
    await expect(engine.restore(await other.snapshot())).rejects.toThrow('array "v" has length 3, expected 114');
    expect(engine.stepCount).toBe(10);
    expect((await engine.snapshot()).arrays.v).toEqual(before.arrays.v);
  });

  it('refuses an array of the wrong type and an array this engine does not have', async () => {
    const engine = new CpuEngine(mixedNetwork());
    const snapshot = await engine.snapshot();
    const wrongType = { ...snapshot, arrays: { ...snapshot.arrays, v: new Int32Array(114) } };
    await expect(engine.restore(wrongType)).rejects.toThrow('array "v" is a Int32Array, expected Float32Array');
    const extra = { ...snapshot, arrays: { ...snapshot.arrays, w_trace: new Float32Array(4) } };
    await expect(engine.restore(extra)).rejects.toThrow('array "w_trace" is not part of this engine\'s state');
    const { ring: _ring, ...withoutRing } = snapshot.arrays;
    await expect(engine.restore({ ...snapshot, arrays: withoutRing })).rejects.toThrow('array "ring" is missing');
  });
});

describe('CpuEngine snapshot and restore with learning', () => {
  /** 300 steps, a dopamine and an aversion pulse, 1,000 steps: spikes as "step:neuron". */
  function learn(engine: CpuEngine): string[] {
    const first = spikeTrain(engine, 300);
    engine.pulseModulator('dopamine', 2);
    engine.pulseModulator('aversion', 1);
    return [...first, ...spikeTrain(engine, 1_000)];
  }

  it('restores every learning array at step 700 (weights, traces, theta, eligibility, modulators, reverse index) and continues spike for spike and weight for weight', async () => {
    const uninterrupted = new CpuEngine(plasticNetwork());
    uninterrupted.pulseModulator('dopamine', 1);
    uninterrupted.step(700);
    const snapshot = await uninterrupted.snapshot();
    for (const name of ['trace', 'theta', 'eligibility', 'modulators', 'reverseSlot', 'reverseCount']) expect(snapshot.arrays[name]?.length, name).toBeGreaterThan(0);
    uninterrupted.takeFrame();
    const expected = learn(uninterrupted);
    expect(expected.length).toBeGreaterThan(500);

    const resumed = new CpuEngine(plasticNetwork());
    resumed.step(50);
    await resumed.restore(snapshot);
    expect(learn(resumed)).toEqual(expected);
    const [a, b] = [await uninterrupted.snapshot(), await resumed.snapshot()];
    expect(b.arrays.weight).not.toEqual(snapshot.arrays.weight);
    for (const name of Object.keys(a.arrays)) expect(b.arrays[name], name).toEqual(a.arrays[name]);
  });
});
