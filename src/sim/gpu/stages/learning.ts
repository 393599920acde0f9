/** Stages plasticity, modulation and homeostasis on the GPU: being written. */
import type { GpuStage, StageContext } from '../stage';

export interface Learning {
  perStep: GpuStage[];
  pulse(index: number, amount: number): void;
  normalize(projection: number): void;
}

export async function learningStages(ctx: StageContext): Promise<Learning> {
  void ctx;
  return {
    perStep: [],
    pulse() {
      throw new Error('pulseModulator: the WebGPU engine does not run modulators yet');
    },
    normalize() {
      throw new Error('normalize: the WebGPU engine does not normalise yet');
    },
  };
}
