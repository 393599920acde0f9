/**
 * The learning and structural stages of the WebGPU engine, built in
 * ../schedule.ts order (plasticity, modulation, homeostasis, structure),
 * and the operations they serve for the engine. A stage a network does not
 * need is not built and costs no dispatch.
 */
import type { GpuStage, StageContext } from './stage';

/** A span of words to read back with each frame. */
export interface ReadbackSpan {
  buffer: string;
  offset: number;
  length: number;
}

export interface LearningStages {
  /** Dispatched every step between propagate and record, in order. */
  perStep: GpuStage[];
  /** Adds `amount` to modulator `index` before the next step. */
  pulse(index: number, amount: number): void;
  /** Normalises a projection's incoming weights per target now (it has a normalization). */
  normalize(projection: number): void;
  /** What frames read back for structural events (after the engine's own spans). */
  frameReadback(): ReadbackSpan[];
  /** The frame's event sample (kind, pre, post triples) from the words read back. */
  frameSample(words: Uint32Array | undefined): Uint32Array;
}

export async function GPU_STAGES(ctx: StageContext): Promise<LearningStages> {
  void ctx;
  return {
    perStep: [],
    pulse() {
      throw new Error('pulseModulator: the WebGPU engine does not run modulators yet');
    },
    normalize() {
      throw new Error('normalize: the WebGPU engine does not normalise yet');
    },
    frameReadback: () => [],
    frameSample: () => new Uint32Array(0),
  };
}
