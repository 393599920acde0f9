/**
 * Stage `plasticity` on the GPU (shaders/plasticity.wgsl): per step, traces
 * decay, presynaptic walks, postsynaptic walks, spikes enter the traces, as
 * cpu/plasticity.ts. Built only where a trace is kept; the walks only where
 * a projection has a rule for them (Diehl & Cook's has no presynaptic one).
 */
import { ro, rw, type KernelDecl } from '../kernels';
import { dispatch } from '../pipeline';
import type { GpuStage, StageContext } from '../stage';
import type { LearningGrid } from './learning-grid';

export async function plasticityStage(ctx: StageContext, grid: LearningGrid): Promise<GpuStage | undefined> {
  const { traces, plastic } = ctx.learning;
  if (traces.spans.length === 0) return undefined;
  const walksPre = plastic.all.some((c) => c.rule === 'stdp' || c.rule === 'vogels');
  const walksPost = plastic.all.length > 0;
  const decl: KernelDecl = {
    file: 'plasticity',
    includes: ['rows', 'columns'],
    bindings: [
      rw('neurons', 'array<u32>'),
      ro('spikes', 'array<u32>'),
      { ...ro('target', 'array<u32>'), as: 'post_of' },
      rw('weight', 'array<f32>'),
      ro('row_end', 'array<u32>'),
      rw('eligibility', 'array<f32>'),
      ro('reverse', 'array<u32>'),
    ],
    entryPoints: ['trace_decay', ...(walksPre ? ['pre'] : []), ...(walksPost ? ['post'] : []), 'trace_spikes'],
  };
  const kernel = await ctx.compile('plasticity', decl);
  const { neuronGroups, spikeGroups } = grid;
  const copies = ctx.copies;
  return {
    encode(pass, k) {
      dispatch(pass, kernel, 'trace_decay', k, neuronGroups, copies);
      // Weights are shared by the copies: the walks read copy 0's spikes only.
      if (walksPre) dispatch(pass, kernel, 'pre', k, spikeGroups);
      if (walksPost) dispatch(pass, kernel, 'post', k, spikeGroups);
      dispatch(pass, kernel, 'trace_spikes', k, spikeGroups, copies);
    },
  };
}
