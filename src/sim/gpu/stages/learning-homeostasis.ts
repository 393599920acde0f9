/**
 * Stage `homeostasis` on the GPU (shaders/homeostasis.wgsl): adaptive
 * thresholds decay and rise with the step's spikes, and each projection's
 * normalisation runs after the steps that end its period, as
 * cpu/homeostasis.ts; normalisation on request is its own submission. The
 * per-step stage is built only where there is a threshold or a period.
 */
import { ro, rw, type KernelDecl } from '../kernels';
import { dispatch } from '../pipeline';
import type { GpuStage, StageContext } from '../stage';
import { request, type LearningGrid } from './learning-grid';

export interface Homeostasis {
  perStep: GpuStage | undefined;
  /** Normalises `projection` (it has a normalization) after everything submitted so far. */
  normalize(projection: number): void;
}

export async function homeostasisStage(ctx: StageContext, grid: LearningGrid): Promise<Homeostasis> {
  const { device } = ctx;
  const { homeostasis, normalizations } = ctx.learning;
  const adaptive = homeostasis.thresholds.length > 0;
  const { periodic } = homeostasis;
  const normalizes = normalizations.some((c) => c !== undefined);
  const refuse = () => {
    throw new Error('normalize: the network has no normalised projection');
  };
  if (!adaptive && !normalizes) return { perStep: undefined, normalize: refuse };
  const normalizeRequest = ctx.createBuffer('normalize_request', 4, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const decl: KernelDecl = {
    file: 'homeostasis',
    includes: ['rows', 'columns'],
    bindings: [
      rw('neurons', 'array<u32>'),
      ro('spikes', 'array<u32>'),
      { ...ro('target', 'array<u32>'), as: 'post_of' },
      rw('weight', 'array<f32>'),
      ro('row_end', 'array<u32>'),
      ro('reverse', 'array<u32>'),
      request('normalize_request'),
    ],
    entryPoints: [...(adaptive ? ['theta_decay', 'theta_rise'] : []), ...(periodic.length > 0 ? ['normalize_due'] : []), ...(normalizes ? ['normalize_requested'] : [])],
  };
  const kernel = await ctx.compile('homeostasis', decl);
  const { neuronGroups, spikeGroups, maxGroups } = grid;
  const copies = ctx.copies;
  const targetGroups = (targets: number) => Math.min(targets, maxGroups);
  const perStep: GpuStage | undefined =
    adaptive || periodic.length > 0
      ? {
          encode(pass, k, step) {
            if (adaptive) {
              dispatch(pass, kernel, 'theta_decay', k, neuronGroups, copies);
              dispatch(pass, kernel, 'theta_rise', k, spikeGroups, copies);
            }
            // The projections whose period ends with this step, in projection order (as the kernel finds them): a row of workgroups each.
            let due = 0;
            let targets = 0;
            for (const c of periodic) {
              if ((step + 1) % c.everySteps !== 0) continue;
              due++;
              targets = Math.max(targets, c.targetCount);
            }
            if (due > 0) dispatch(pass, kernel, 'normalize_due', k, targetGroups(targets), due);
          },
        }
      : undefined;
  return {
    perStep,
    normalize(projection) {
      const c = normalizations[projection];
      if (!c) return refuse();
      device.queue.writeBuffer(normalizeRequest, 0, Uint32Array.of(projection, 0, 0, 0));
      const encoder = device.createCommandEncoder({ label: 'normalize' });
      const pass = encoder.beginComputePass({ label: 'normalize' });
      dispatch(pass, kernel, 'normalize_requested', 0, targetGroups(c.targetCount));
      pass.end();
      device.queue.submit([encoder.finish()]);
    },
  };
}
