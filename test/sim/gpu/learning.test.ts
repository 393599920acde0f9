/**
 * Stages plasticity, modulation and homeostasis on the GPU against the CPU
 * reference: the same network, seed, input and requests (modulator pulses,
 * normalisation) give the same spikes, step for step, and the same learned
 * state.
 *
 * Tolerances, and why:
 * - spikes, traces, adaptive thresholds and modulator levels: exactly equal.
 *   Each of their updates is one f32 multiply or add (x alpha, + 1,
 *   + theta_plus, + a pulse of an f32 amount), correctly rounded on both.
 * - weights and eligibility: relative 1e-5, absolute below WEIGHT_FLOOR. The
 *   CPU evaluates each change in f64 and rounds once to f32; the GPU rounds
 *   each of its ~4 f32 operations (and may fuse a multiply-add), so one
 *   update differs by up to ~2 ulp of the weight (1.2e-7 relative); a
 *   synapse changes at most ~100 times by spikes in these runs, so errors
 *   stay under 100 x 1.2e-7 ~ 1e-5 even if none cancelled. Three-factor
 *   weights move every step, but by gain x e with gain = learning_rate dt x M
 *   rounded once to f32 (relative 6e-8 of a change that is itself small).
 *   Diehl & Cook's (w_max - w)^mu is exp(mu ln(w_max - w)) with f32 exp and
 *   log (a few ulp) on the GPU, scaling a change of at most eta_post.
 *   Measured here: at most 1.6e-6.
 * - normalised sums: the GPU sums each target's weights in f32 (64 partial
 *   sums of ~n / 64 terms, then a tree), the CPU in f64; relative error
 *   ~ (n / 64 + 6) x 6e-8 < 1e-6 for the n < 100 inputs per target here.
 * Identical spikes need the weights' fixed-point input (round(w 2^16)) to
 * agree; a 1e-7 weight difference moves it by one unit (2^-16 mV) only when
 * w 2^16 lies within 0.007 of a rounding boundary, and that changes a spike
 * only if v then lands within ~1e-5 mV of threshold: these runs never do.
 */
import { describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, type GenomeInput } from '@/model';
import { digitsGenome } from '@/model/presets/digits';
import { buildConnectome, EMPTY_SLOT, type Connectome, type Engine, type EngineSnapshot } from '@/sim';
import type { GpuEngineOptions } from '@/sim/gpu/engine';
import { plasticNetwork } from '../cpu/plastic-network';
import { device, enginePair, maxRelativeError, spikeKeys } from './harness';

type ProjectionInput = NonNullable<GenomeInput['projections']>[number];
type Plasticity = NonNullable<ProjectionInput['plasticity']>;

const WEIGHT_TOLERANCE = 1e-5;
const NORMALIZED_TOLERANCE = 1e-6;
/** Below this magnitude, weight and eligibility differences count as absolute (a clipped-to-0 weight has no relative error to speak of). */
const WEIGHT_FLOOR = 1e-2;

const uniform = (min: number, max: number) => ({ kind: 'uniform' as const, min, max });

function network(dtMs: number, populations: GenomeInput['populations'], projections: ProjectionInput[], seed = 4): Connectome {
  return buildConnectome(parseGenome({ format: GENOME_FORMAT, version: GENOME_VERSION, seed, dt_ms: dtMs, populations, projections }));
}

/** 60 Poisson inputs at 40 Hz onto 20 LIF neurons (p = 0.5), which also excite each other (p = 0.3); dt 0.5 ms. */
function stdpNetwork(feedforward: Plasticity, recurrent: Plasticity): Connectome {
  return network(
    0.5,
    [
      { name: 'in', size: 60, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 40 }, trace: { tau_ms: 20, mode: 'add' } },
      { name: 'out', size: 20, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 14 }, trace: { tau_ms: 20, mode: 'set' } },
    ],
    [
      { source: 'in', target: 'out', connectivity: { kind: 'probability', p: 0.5 }, weight: uniform(0, 1.5), delay_ms: uniform(0.5, 3), plasticity: feedforward },
      { source: 'out', target: 'out', connectivity: { kind: 'probability', p: 0.3 }, weight: uniform(0, 1), delay_ms: uniform(0.5, 2), plasticity: recurrent },
    ],
  );
}

/** A step count, or a request made of both engines at that point of the run. */
type Action = number | ((engine: Engine) => unknown);

interface Run {
  connectome: Connectome;
  cpu: EngineSnapshot['arrays'];
  gpu: EngineSnapshot['arrays'];
  /** Weights before the run (the builder's). */
  initial: Float32Array;
  /** Spikes of each global neuron over the run. */
  spikes: Uint32Array;
  /** Modulator levels at the end of each step action (from snapshots), CPU and GPU. */
  levels: { cpu: number[][]; gpu: number[][] };
}

/** Runs both engines through `actions`, checks their spikes are identical, and returns their final states. */
async function runBoth(connectome: Connectome, actions: readonly Action[], options: GpuEngineOptions = {}): Promise<Run> {
  const { cpu, gpu } = await enginePair(connectome, options);
  const initial = cpu.state.synapses.weight.slice();
  const spikes = new Uint32Array(connectome.neuronCount);
  const cpuSpikes: string[] = [];
  const gpuSpikes: string[] = [];
  const levels: Run['levels'] = { cpu: [], gpu: [] };
  for (const action of actions) {
    if (typeof action === 'number') {
      cpu.step(action);
      gpu.step(action);
      const [a, b] = [cpu.takeFrame(), await gpu.readFrame()];
      cpuSpikes.push(...spikeKeys(a));
      gpuSpikes.push(...spikeKeys(b));
      for (const i of a.spikeNeuron) spikes[i]++;
      levels.cpu.push(Array.from((await cpu.snapshot()).arrays.modulators));
      levels.gpu.push(Array.from((await gpu.snapshot()).arrays.modulators));
    } else {
      await action(cpu);
      await action(gpu);
    }
  }
  expect(gpuSpikes).toEqual(cpuSpikes);
  const [a, b] = [await cpu.snapshot(), await gpu.snapshot()];
  gpu.destroy();
  return { connectome, cpu: a.arrays, gpu: b.arrays, initial, spikes, levels };
}

const floats = (a: EngineSnapshot['arrays'][string]) => a as Float32Array;

/** Spikes of a population over the run. */
function spikesOf(run: Run, population: number): number {
  const { start, capacity } = run.connectome.populations[population];
  return run.spikes.subarray(start, start + capacity).reduce((a, b) => a + b, 0);
}

/** Slots [first, end) of a projection's rows. */
function slotsOf(run: Run, projection: number): [number, number] {
  const p = run.connectome.projections[projection];
  return [p.slotStart, p.slotStart + run.connectome.populations[p.source].capacity * p.rowCapacity];
}

/** Synapses of a projection whose weight moved by more than 1e-3 over the run (CPU). */
function moved(run: Run, projection: number): number {
  const weight = floats(run.cpu.weight);
  const [first, end] = slotsOf(run, projection);
  let count = 0;
  for (let s = first; s < end; s++) if (Math.abs(weight[s] - run.initial[s]) > 1e-3) count++;
  return count;
}

/** Each target's incoming weights in a projection on the GPU, summed in f64. */
function incomingSums(run: Run, projection: number): number[] {
  const targets = run.connectome.populations[run.connectome.projections[projection].target];
  const target = run.gpu.target as Uint32Array;
  const weight = floats(run.gpu.weight);
  const sums = new Array<number>(targets.capacity).fill(0);
  const [first, end] = slotsOf(run, projection);
  for (let s = first; s < end; s++) if (target[s] !== EMPTY_SLOT) sums[target[s] - targets.start] += weight[s];
  return sums;
}

/** Asserts the learned state agrees within the tolerances above. */
function expectSameLearning(run: Run): void {
  for (const name of ['trace', 'theta', 'modulators']) expect(Array.from(run.gpu[name]), name).toEqual(Array.from(run.cpu[name]));
  for (const name of ['weight', 'eligibility']) expect(maxRelativeError(floats(run.gpu[name]), floats(run.cpu[name]), WEIGHT_FLOOR), name).toBeLessThan(WEIGHT_TOLERANCE);
}

/**
 * A third of the 8 x 8 pixels lit at 255 Hz, the rest at 2 Hz. 64 pixels are
 * 1 / 12 of MNIST's, so at the sensor's 63.75 Hz the layer stays silent for
 * the whole image; 255 Hz is where the lab's repeats (+31.9 Hz each) take it.
 */
const RETINA_PATTERN = Float32Array.from({ length: 64 }, (_, k) => (k % 3 === 0 ? 255 : 2));

describe.skipIf(!device)('learning on the GPU against the CPU engine', () => {
  it('pair STDP, additive: the same spikes for 600 steps (300 ms) and the same weights, feedforward and recurrent', async () => {
    const run = await runBoth(
      stdpNetwork({ rule: 'stdp', a_plus: 0.01, a_minus: 0.0105, w_min: 0, w_max: 1.5 }, { rule: 'stdp', a_plus: 0.01, a_minus: 0.012, w_min: 0, w_max: 1 }),
      [600],
    );
    // 60 inputs x 40 Hz x 0.3 s = 720 input spikes; the outputs fire at ~30 Hz. Most of the ~600 feedforward and ~114 recurrent synapses learn.
    expect(spikesOf(run, 0)).toBeGreaterThan(600);
    expect(spikesOf(run, 1)).toBeGreaterThan(100);
    expect(moved(run, 0)).toBeGreaterThan(400);
    expect(moved(run, 1)).toBeGreaterThan(50);
    expectSameLearning(run);
  });

  it('pair STDP, multiplicative (soft bounds; recurrent w_min 0.05 under weights drawn from [0, 1]): the same spikes and weights over 600 steps', async () => {
    const run = await runBoth(
      stdpNetwork(
        { rule: 'stdp', form: 'multiplicative', a_plus: 0.02, a_minus: 0.021, w_min: 0, w_max: 1.5 },
        { rule: 'stdp', form: 'multiplicative', a_plus: 0.02, a_minus: 0.02, w_min: 0.05, w_max: 1 },
      ),
      [600],
    );
    expect(spikesOf(run, 1)).toBeGreaterThan(100);
    expect(moved(run, 0)).toBeGreaterThan(400);
    expect(moved(run, 1)).toBeGreaterThan(50);
    expectSameLearning(run);
  });

  it('Diehl & Cook with adaptive thresholds and normalize() on request: the same spikes, thetas and weights over 600 steps', async () => {
    const connectome = network(
      0.5,
      [
        { name: 'in', size: 64, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 40 }, trace: { tau_ms: 20, mode: 'add' } },
        { name: 'in2', size: 32, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 20 }, trace: { tau_ms: 20, mode: 'add' } },
        { name: 'E', size: 10, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 10 }, adaptive_threshold: { theta_plus_mV: 0.5, tau_theta_ms: 500 } },
      ],
      [
        {
          source: 'in',
          target: 'E',
          connectivity: { kind: 'probability', p: 0.5 },
          weight: uniform(0, 0.3),
          delay_ms: uniform(0.5, 5),
          synapse: 'conductance',
          plasticity: { rule: 'diehl_cook', eta_post: 0.01, x_tar: 0.4, mu: 0.2, w_min: 0, w_max: 1 },
          normalization: { total: 6, every_ms: 0 },
        },
        {
          source: 'in2',
          target: 'E',
          connectivity: { kind: 'probability', p: 0.5 },
          weight: uniform(0, 0.3),
          delay_ms: uniform(0.5, 5),
          synapse: 'conductance',
          plasticity: { rule: 'diehl_cook', eta_post: 0.005, x_tar: 0.2, mu: 0, w_min: 0, w_max: 0.5 },
          normalization: { total: 2, every_ms: 0 },
        },
      ],
    );
    const run = await runBoth(connectome, [(e) => e.normalize(0), (e) => e.normalize(1), 300, (e) => e.normalize(0), 300, (e) => e.normalize(0), (e) => e.normalize(1)]);
    expect(spikesOf(run, 2)).toBeGreaterThan(200);
    expect(moved(run, 0)).toBeGreaterThan(200);
    expect(moved(run, 1)).toBeGreaterThan(100);
    // Every neuron that fired raised its threshold.
    const E = connectome.populations[2];
    for (let i = E.start; i < E.start + E.size; i++) expect(floats(run.gpu.theta)[i] > 0, `theta of ${i}`).toBe(run.spikes[i] > 0);
    // The last requests normalised both projections: every target's inputs sum to 6 and 2.
    for (const sum of incomingSums(run, 0)) expect(Math.abs(sum / 6 - 1)).toBeLessThan(NORMALIZED_TOLERANCE);
    for (const sum of incomingSums(run, 1)) expect(Math.abs(sum / 2 - 1)).toBeLessThan(NORMALIZED_TOLERANCE);
    expectSameLearning(run);
  });

  it('Vogels inhibitory plasticity: the same spikes and weights over 600 steps', async () => {
    const connectome = network(
      0.5,
      [
        { name: 'I', size: 100, sign: 'inhibitory', neuron: { model: 'spike_source', rate_hz: 10 }, trace: { tau_ms: 20, mode: 'add' } },
        { name: 'E', size: 10, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 25 }, trace: { tau_ms: 20, mode: 'add' } },
      ],
      [
        {
          source: 'I',
          target: 'E',
          connectivity: { kind: 'probability', p: 1 },
          weight: { kind: 'constant', value: 0.2 },
          plasticity: { rule: 'vogels', eta: 0.05, target_rate_hz: 10, w_min: 0, w_max: 10 },
        },
      ],
    );
    const run = await runBoth(connectome, [600]);
    // 100 x 10 Hz x 0.3 s = 300 inhibitory spikes; E fires ~40 Hz; nearly all 1,000 synapses move.
    expect(spikesOf(run, 0)).toBeGreaterThan(200);
    expect(spikesOf(run, 1)).toBeGreaterThan(60);
    expect(moved(run, 0)).toBeGreaterThan(800);
    expectSameLearning(run);
  });

  it('three-factor STDP: eligibility waits for dopamine (setModulator, then two pulses in a row) or aversion (a pulse); the same levels after every run of steps', async () => {
    const gate = (modulator: 'dopamine' | 'aversion'): Plasticity => ({
      rule: 'stdp',
      a_plus: 0.01,
      a_minus: 0.0105,
      w_min: 0,
      w_max: 1.5,
      modulation: { modulator, tau_eligibility_ms: 50, learning_rate: 0.5 },
    });
    const run = await runBoth(stdpNetwork(gate('dopamine'), gate('aversion')), [
      200,
      (e) => e.setModulator('dopamine', 1.5),
      100,
      (e) => e.pulseModulator('dopamine', 0.5),
      (e) => e.pulseModulator('dopamine', 0.25),
      1,
      (e) => e.pulseModulator('aversion', 1),
      199,
    ]);
    expect(spikesOf(run, 1)).toBeGreaterThan(100);
    // Dopamine moved the feedforward weights, the aversion pulse the recurrent ones; tags wait on the rest.
    expect(moved(run, 0)).toBeGreaterThan(400);
    expect(moved(run, 1)).toBeGreaterThan(50);
    expect(floats(run.cpu.eligibility).filter((e) => e !== 0).length).toBeGreaterThan(500);
    expect(run.levels.gpu).toEqual(run.levels.cpu);
    // Both pulses landed, in order, before the next step, which used and then decayed (tau 200 ms) their sum.
    expect(run.levels.gpu[2][0]).toBeCloseTo((run.levels.gpu[1][0] + 0.5 + 0.25) * Math.exp(-0.5 / 200), 6);
    expectSameLearning(run);
  });

  it('periodic normalisation, plastic (reverse-index columns, every 4 steps) and static (rows scanned, every 10 steps), both due together every 20', async () => {
    const connectome = network(
      0.5,
      [
        { name: 'in', size: 60, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 30 }, trace: { tau_ms: 20, mode: 'add' } },
        { name: 'bg', size: 40, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 20 } },
        { name: 'out', size: 20, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 14 } },
      ],
      [
        {
          source: 'in',
          target: 'out',
          connectivity: { kind: 'probability', p: 0.5 },
          weight: uniform(0, 0.5),
          plasticity: { rule: 'diehl_cook', eta_post: 0.01, x_tar: 0.3, mu: 0.2, w_min: 0, w_max: 1 },
          normalization: { total: 8, every_ms: 2 },
        },
        { source: 'bg', target: 'out', connectivity: { kind: 'probability', p: 0.3 }, weight: uniform(0, 1), normalization: { total: 2.5, every_ms: 5 } },
      ],
    );
    const run = await runBoth(connectome, [400]);
    expect(spikesOf(run, 2)).toBeGreaterThan(30);
    expect(moved(run, 0)).toBeGreaterThan(400);
    expect(moved(run, 1)).toBeGreaterThan(200);
    // Step 399 ends both periods: every target's inputs sum to 8 and 2.5.
    for (const sum of incomingSums(run, 0)) expect(Math.abs(sum / 8 - 1)).toBeLessThan(NORMALIZED_TOLERANCE);
    for (const sum of incomingSums(run, 1)) expect(Math.abs(sum / 2.5 - 1)).toBeLessThan(NORMALIZED_TOLERANCE);
    expectSameLearning(run);
  });

  it('every learning feature at once (plastic-network.ts): the same spikes and state over 500 steps with dopamine set half way', async () => {
    const run = await runBoth(plasticNetwork(9), [250, (e) => e.setModulator('dopamine', 1), 250]);
    expect(spikesOf(run, 1)).toBeGreaterThan(50);
    expect(spikesOf(run, 2)).toBeGreaterThan(0);
    // Every projection but the aversion-gated one (no aversion given) learns.
    expect([0, 1, 2, 3, 4].map((p) => moved(run, p) > 0)).toEqual([true, true, true, false, true]);
    expectSameLearning(run);
  });

  it('the digits preset (20 neurons, 8 x 8 retina): one image of 350 ms after normalize(), 150 ms of rest: the same spikes, thetas and weights', async () => {
    const run = await runBoth(buildConnectome(parseGenome(digitsGenome(20, 1, { width: 8, height: 8 }))), [
      (e) => e.setInputRates(0, RETINA_PATTERN),
      (e) => e.normalize(0),
      700,
      (e) => e.setInputRates(0, 0),
      300,
    ]);
    // Ae fires ~20 times (the minimum the lab asks of an image is 5), each spike a Diehl & Cook walk over 64 inputs and a theta rise.
    expect(spikesOf(run, 1)).toBeGreaterThan(10);
    expect(floats(run.gpu.theta).filter((theta) => theta > 0).length).toBeGreaterThan(0);
    expectSameLearning(run);
  });

  it('with two copies, weights learn from copy 0 alone: the same as the CPU engine', async () => {
    const run = await runBoth(plasticNetwork(9), [300], { copies: 2 });
    expectSameLearning(run);
  });
});
