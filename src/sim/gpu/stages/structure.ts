/** Stage structure on the GPU: being written. */
import type { ReadbackSpan } from '../stages';
import type { GpuStage, StageContext } from '../stage';

export interface Structure {
  perStep: GpuStage[];
  frameReadback(): ReadbackSpan[];
  frameSample(words: Uint32Array | undefined): Uint32Array;
}

export async function structureStage(ctx: StageContext): Promise<Structure> {
  void ctx;
  return { perStep: [], frameReadback: () => [], frameSample: () => new Uint32Array(0) };
}
