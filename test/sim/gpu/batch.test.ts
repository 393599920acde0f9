/**
 * Batched evaluation (src/sim/gpu/batch.ts): copies of one frozen network in
 * the same dispatches. Copy 0 draws the CPU engine's input spikes, so its
 * spike counts equal the CPU's exactly (the agreement suite's reason: the
 * same draws and arithmetic to the last bit in these networks); the other
 * copies draw their own, and each copy takes its own rates and its own reset.
 */
import { describe, expect, it } from 'vitest';
import { parseGenome } from '@/model';
import { digitsGenome } from '@/model/presets/digits';
import { buildConnectome, type Connectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { GpuBatch, learningProblems } from '@/sim/gpu/batch';
import { mixedNetwork } from '../cpu/network';
import { device, sources } from './harness';

/** Spikes per neuron of a CPU run of `steps` from `engine`'s state. */
function cpuCounts(engine: CpuEngine, steps: number): Uint32Array {
  engine.step(steps);
  const counts = new Uint32Array(engine.connectome.neuronCount);
  for (const i of engine.takeFrame().spikeNeuron) counts[i]++;
  return counts;
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
const STEPS = 400;
/** The mixed network's retina: 40 Poisson sources at 40 Hz, neurons 0..39. */
const RETINA = { population: 0, start: 0, size: 40 };
/** Its expected spikes in 400 steps of 0.1 ms: 40 x 40 Hz x 0.04 s = 64; Poisson sd 8. */
const RETINA_SPIKES = 64;

describe('learningProblems', () => {
  it('names every rule of the digits network that learns: plasticity and normalisation of retina->Ae, the rising threshold of Ae', () => {
    expect(learningProblems(buildConnectome(parseGenome(digitsGenome(5, 1))))).toEqual([
      'projections[0].plasticity: learns',
      'projections[0].normalization: learns',
      'populations[1].adaptive_threshold: theta moves (theta_plus_mV 0.05, tau_theta_ms 10000000; frozen is theta_plus_mV 0 with a decay that rounds to 1)',
    ]);
  });

  it('finds nothing in the mixed network (fixed weights, no thresholds that move)', () => {
    expect(learningProblems(mixedNetwork())).toEqual([]);
  });
});

describe.skipIf(!device)('GpuBatch', () => {
  const create = (connectome: Connectome, copies: number) => GpuBatch.create(device!, connectome, sources, copies);

  it('refuses a network that learns, naming what learns', async () => {
    await expect(create(buildConnectome(parseGenome(digitsGenome(5, 1))), 2)).rejects.toThrow(/must not learn: projections\[0\]\.plasticity: learns/);
  });

  it('runs three copies of the mixed network: copy 0 fires exactly the CPU engine spikes, a silenced copy 1 has a silent retina, copy 2 draws its own', async () => {
    const cpu = new CpuEngine(mixedNetwork(7));
    const batch = await create(mixedNetwork(7), 3);
    await batch.load(await cpu.snapshot());
    batch.setInputRates(1, RETINA.population, 0);
    batch.step(STEPS);
    const counts = await batch.readCounts({ start: 0, size: cpu.connectome.neuronCount });
    const n = cpu.connectome.neuronCount;
    const copy = (c: number, span = { start: 0, size: n }) => counts.subarray(c * n + span.start, c * n + span.start + span.size);
    const reference = cpuCounts(cpu, STEPS);
    expect(sum(reference)).toBeGreaterThan(250);
    expect(Array.from(copy(0))).toEqual(Array.from(reference));
    expect(sum(copy(1, RETINA))).toBe(0);
    for (const c of [0, 2]) expect(Math.abs(sum(copy(c, RETINA)) - RETINA_SPIKES)).toBeLessThanOrEqual(4 * 8);
    expect(Array.from(copy(2, RETINA))).not.toEqual(Array.from(copy(0, RETINA)));
    batch.destroy();
  });

  it('puts back only the copies it resets: copy 0 then fires as the CPU engine restored at that step, copies 1 and 2 as if nothing happened', async () => {
    const cpu = new CpuEngine(mixedNetwork(7));
    const initial = await cpu.snapshot();
    const batch = await create(mixedNetwork(7), 3);
    const n = cpu.connectome.neuronCount;
    /** 400 steps with copy 1 silenced, then counts over 400 more, with `reset` applied between. */
    const run = async (reset: number[]) => {
      await batch.load(initial);
      batch.setInputRates(1, RETINA.population, 0);
      batch.step(STEPS);
      batch.reset(reset);
      batch.clearCounts();
      batch.step(STEPS);
      return batch.readCounts({ start: 0, size: n });
    };
    const withReset = await run([0]);
    const without = await run([]);
    await cpu.restore({ ...initial, step: STEPS });
    expect(Array.from(withReset.subarray(0, n))).toEqual(Array.from(cpuCounts(cpu, STEPS)));
    expect(Array.from(withReset.subarray(0, n))).not.toEqual(Array.from(without.subarray(0, n)));
    // Copy 1 kept its silenced retina (a reset would have given it back its 40 Hz) and copy 2 its own course.
    expect(sum(withReset.subarray(n + RETINA.start, n + RETINA.start + RETINA.size))).toBe(0);
    expect(Array.from(withReset.subarray(n))).toEqual(Array.from(without.subarray(n)));
    batch.destroy();
  });
});
