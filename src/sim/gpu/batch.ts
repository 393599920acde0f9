/**
 * Batched evaluation: many independent copies of one frozen network on the
 * GPU in the same dispatches, to test a trained network on a data set or
 * sweep its input. The copies share the synapses and each has its own
 * neuron state, delay ring, input rates and input draws: Poisson sources
 * draw from Philox counter (step, i / 4, copy, 0), so copy 0 draws exactly
 * what the CPU engine draws and the others draw independently.
 *
 * The network must be frozen: the copies share one set of weights, so
 * nothing may learn (no plasticity, normalisation, structural change, and
 * adaptive thresholds held still). A trained state comes from the learning
 * network's snapshot; its reverse index, which only plasticity reads, is
 * replaced by the frozen network's own.
 */
import type { Connectome } from '../connectome';
import type { EngineSnapshot } from '../engine';
import { learningConstants } from '../cpu/learning-params';
import { createReverseIndex, type ReverseIndex } from '../cpu/reverse-index';
import { GpuEngine } from './engine';

/** Neurons start .. start + size - 1. */
export interface NeuronSpan {
  start: number;
  size: number;
}

/**
 * Every way `connectome` would change while it runs, one line each naming
 * the genome field; empty when it is frozen. An adaptive threshold is frozen
 * when theta neither rises (theta_plus 0) nor decays (exp(-dt / tau_theta)
 * rounds to 1 in f32, as the CPU engine computes it).
 */
export function learningProblems(connectome: Connectome): string[] {
  const { genome } = connectome;
  const problems: string[] = [];
  genome.projections.forEach((p, k) => {
    for (const field of ['plasticity', 'normalization', 'structural'] as const) if (p[field]) problems.push(`projections[${k}].${field}: learns`);
  });
  const { thresholdOf } = learningConstants(connectome).homeostasis;
  genome.populations.forEach((p, k) => {
    if (p.neurogenesis) problems.push(`populations[${k}].neurogenesis: grows neurons`);
    if (p.negative_drive) problems.push(`populations[${k}].negative_drive: grows synapses`);
    const threshold = thresholdOf[k];
    if (p.adaptive_threshold && threshold && (threshold.thetaPlusMv !== 0 || threshold.alpha !== 1)) {
      const { theta_plus_mV, tau_theta_ms } = p.adaptive_threshold;
      problems.push(`populations[${k}].adaptive_threshold: theta moves (theta_plus_mV ${theta_plus_mV}, tau_theta_ms ${tau_theta_ms}; frozen is theta_plus_mV 0 with a decay that rounds to 1)`);
    }
  });
  return problems;
}

export class GpuBatch {
  private constructor(
    private readonly engine: GpuEngine,
    /** The frozen network's own (empty) reverse index, put in place of a learning network's. */
    private readonly reverseIndex: ReverseIndex,
  ) {}

  /** `copies` copies of the frozen `connectome` on `device`; refuses a network that learns, naming what learns. */
  static async create(device: GPUDevice, connectome: Connectome, sources: Partial<Record<string, string>>, copies: number): Promise<GpuBatch> {
    const problems = learningProblems(connectome);
    if (problems.length) throw new Error(`GpuBatch: the copies share one set of weights, so the network must not learn: ${problems.join('; ')}`);
    const engine = await GpuEngine.create(device, connectome, sources, { copies, recordSpikes: false });
    return new GpuBatch(engine, createReverseIndex(connectome, learningConstants(connectome).reverse));
  }

  get copies(): number {
    return this.engine.copies;
  }

  get stepCount(): number {
    return this.engine.stepCount;
  }

  /**
   * Every copy takes `trained` (a snapshot of this network or of its
   * learning twin) and the step count `step`, and `trained` becomes the
   * state `reset` puts a copy back to.
   */
  async load(trained: EngineSnapshot, step = trained.step): Promise<void> {
    const state: EngineSnapshot = { ...trained, step, arrays: { ...trained.arrays, ...this.reverseIndex } };
    await this.engine.restore(state);
    this.engine.holdResetState(state);
  }

  /** Puts `copies` back to the loaded state with zero spike counts before the next step. */
  reset(copies: Iterable<number>): void {
    this.engine.resetCopies(copies);
  }

  /** Rates of `population`'s sources in one copy, Hz. */
  setInputRates(copy: number, population: number, rates: Float32Array | number): void {
    this.engine.setCopyInputRates(copy, population, rates);
  }

  /** Silences `population`'s sources in every copy. */
  silence(population: number): void {
    this.engine.setInputRates(population, 0);
  }

  step(steps: number): void {
    this.engine.step(steps);
  }

  /** Zeroes every copy's spike counts before the next step. */
  clearCounts(): void {
    this.engine.clearSpikeCounts();
  }

  /** Spikes of `span` in every copy since its counts were zeroed, copy-major (copy c's at c x size), as submitted at the call. */
  readCounts(span: NeuronSpan): Promise<Uint32Array> {
    return this.engine.readSpikeCounts(span.start, span.size);
  }

  destroy(): void {
    this.engine.destroy();
  }
}
