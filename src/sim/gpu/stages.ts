/**
 * The learning and structural stages of the WebGPU engine, built in
 * ../schedule.ts order (plasticity, modulation, homeostasis, structure),
 * and the operations they serve for the engine. A stage a network does not
 * need is not built and costs no dispatch.
 */
import type { GpuStage, StageContext } from './stage';
import { learningStages } from './stages/learning';
import { structureStage } from './stages/structure';

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
  /** Forgets the sample being filled: the state was restored, the next frame starts afresh. */
  restart(): void;
}

/** Builds the stages `ctx`'s network needs: learning (stages/learning.ts), then structure (stages/structure.ts). */
export async function GPU_STAGES(ctx: StageContext): Promise<LearningStages> {
  const learning = await learningStages(ctx);
  const structure = await structureStage(ctx);
  return {
    perStep: [...learning.perStep, ...structure.perStep],
    pulse: learning.pulse,
    normalize: learning.normalize,
    frameReadback: structure.frameReadback,
    frameSample: structure.frameSample,
    restart: structure.restart,
  };
}
