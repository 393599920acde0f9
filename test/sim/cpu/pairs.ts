/**
 * Spike pairs at known times for the plasticity tests: two LIF neurons
 * (v_rest -65 mV, threshold -50 mV, tau_m 20 ms, dt 0.1 ms) driven only by
 * their constant bias. From rest, a bias of 30 mV first crosses threshold at
 * T = 20 ln(30 / 15) = 13.9 ms, a bias of 20 mV at T = 20 ln(20 / 5) = 27.7 ms.
 * A refractory period of 1 s then holds each neuron at reset, so over the
 * first 1,013 ms each fires exactly once: the early one near 13.9 ms, the
 * late one near 27.7 ms, D ~ 138 steps apart, so a 20 ms trace has decayed
 * to exp(-13.8 / 20) ~ 0.5 at the pairing.
 */
import type { GenomeInput } from '@/model';
import type { Connectome } from '@/sim/connectome';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif, type HandProjection } from './fixtures';

type PopulationInput = GenomeInput['populations'][number];

export const PAIR_DT_MS = 0.1;
/** Steps after which each neuron of a pair has fired its one spike (28.5 ms). */
export const PAIR_STEPS = 285;
/** Steps over which neither fires again (refractory until ~1,013 ms). */
export const QUIET_STEPS = 10_000;
export const EARLY_BIAS_MV = 30;
export const LATE_BIAS_MV = 20;

/** A neuron of a pair: fires first (bias 30 mV) or second (bias 20 mV). */
export function pairNeuron(name: string, fires: 'early' | 'late', extra: Partial<PopulationInput> = {}, sign: 'excitatory' | 'inhibitory' = 'excitatory'): PopulationInput {
  return { ...lif(name, 1, { i_bias_mV: fires === 'early' ? EARLY_BIAS_MV : LATE_BIAS_MV, t_ref_ms: 1000 }, sign), ...extra };
}

/** pre -> post, one synapse of weight w0 (current-based, delay 1 step) under `plasticity`. */
export function pairConnectome(order: 'pre-then-post' | 'post-then-pre', w0: number, plasticity: HandProjection['plasticity'], sign: 'excitatory' | 'inhibitory' = 'excitatory'): Connectome {
  const preFirst = order === 'pre-then-post';
  return handConnectome({
    dt_ms: PAIR_DT_MS,
    populations: [pairNeuron('pre', preFirst ? 'early' : 'late', {}, sign), pairNeuron('post', preFirst ? 'late' : 'early')],
    projections: [{ source: 'pre', target: 'post', plasticity, synapses: [{ from: 0, to: 0, weight: w0, delaySteps: 1 }] }],
  });
}

/** The step of every spike of each global neuron over a frame. */
export function spikeSteps(engine: CpuEngine, neuronCount: number): number[][] {
  const frame = engine.takeFrame();
  const steps: number[][] = Array.from({ length: neuronCount }, () => []);
  frame.spikeNeuron.forEach((n, k) => steps[n].push(frame.spikeStep[k]));
  return steps;
}

/** Runs a pair for PAIR_STEPS steps; returns the one spike step of pre and of post and the final weight of slot 0. */
export function runPair(connectome: Connectome): { preStep: number; postStep: number; weight: number; engine: CpuEngine } {
  const engine = new CpuEngine(connectome);
  engine.step(PAIR_STEPS);
  const [pre, post] = spikeSteps(engine, 2);
  if (pre.length !== 1 || post.length !== 1) throw new Error(`expected one spike each, got pre ${pre} and post ${post}`);
  return { preStep: pre[0], postStep: post[0], weight: engine.state.synapses.weight[0], engine };
}

/** A trace of tau_ms, D steps after its one spike: exp(-D dt / tau). */
export function traceAfter(steps: number, tauMs: number): number {
  return Math.exp((-steps * PAIR_DT_MS) / tauMs);
}
