/**
 * Stages plasticity, modulation and homeostasis on the GPU, in
 * ../../schedule.ts order, and the operations they serve: modulator pulses
 * and normalisation on request. A stage the network does not need is not
 * built, except modulation: modulator levels decay every step, as on the
 * CPU, whether or not a projection reads them.
 */
import type { GpuStage, StageContext } from '../stage';
import { learningGrid } from './learning-grid';
import { homeostasisStage } from './learning-homeostasis';
import { modulationStage } from './learning-modulation';
import { plasticityStage } from './learning-plasticity';

// The binding shorthands, for the other stages (structure.ts) too.

export interface Learning {
  perStep: GpuStage[];
  pulse(index: number, amount: number): void;
  normalize(projection: number): void;
}

export async function learningStages(ctx: StageContext): Promise<Learning> {
  const grid = learningGrid(ctx);
  const plasticity = await plasticityStage(ctx, grid);
  const modulation = await modulationStage(ctx, grid);
  const homeostasis = await homeostasisStage(ctx, grid);
  return {
    perStep: [plasticity, modulation, homeostasis.perStep].filter((s): s is GpuStage => s !== undefined),
    pulse: (index, amount) => modulation.pulse(index, amount),
    normalize: (projection) => homeostasis.normalize(projection),
  };
}
