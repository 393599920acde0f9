/**
 * Stage `modulation` on the GPU (shaders/modulation.wgsl): eligibility decay
 * and modulator-gated weight change on each modulated projection, then the
 * modulators' decay, as cpu/modulation.ts; and pulses, each its own
 * submission so it lands between the steps submitted before and after it.
 */
import { MODULATOR_NAMES } from '@/model';
import { ro, rw, type KernelDecl } from '../kernels';
import { dispatch } from '../pipeline';
import { groupsOf, type GpuStage, type StageContext } from '../stage';
import { request, type LearningGrid } from './learning-grid';

export interface Modulation extends GpuStage {
  /** Adds `amount` to modulator `index` after everything submitted so far. */
  pulse(index: number, amount: number): void;
}

export async function modulationStage(ctx: StageContext, grid: LearningGrid): Promise<Modulation> {
  const { device } = ctx;
  const modulated = ctx.learning.plastic.modulated;
  const decay = ctx.createBuffer('modulator_decay', MODULATOR_NAMES.length);
  device.queue.writeBuffer(decay, 0, Float32Array.from(ctx.learning.modulatorDecay));
  const pulseRequest = ctx.createBuffer('modulator_pulse', 4, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const decl: KernelDecl = {
    file: 'modulation',
    bindings: [
      { ...ro('target', 'array<u32>'), as: 'post_of' },
      rw('weight', 'array<f32>'),
      ro('row_end', 'array<u32>'),
      rw('eligibility', 'array<f32>'),
      rw('globals', 'array<u32>'),
      ro('modulator_decay', 'array<f32>'),
      request('modulator_pulse'),
    ],
    entryPoints: [...(modulated.length > 0 ? ['eligibility_decay'] : []), 'decay_modulators', 'pulse'],
  };
  const kernel = await ctx.compile('modulation', decl);
  // A thread per slot of the largest modulated projection's rows, a row of workgroups per projection.
  const slots = Math.max(0, ...modulated.map((c) => c.rowCount * c.rowCapacity));
  const slotGroups = Math.min(groupsOf(slots), grid.maxGroups);
  const words = new Uint32Array(4);
  const amountBits = new Float32Array(words.buffer, 4, 1);
  return {
    encode(pass, k) {
      if (modulated.length > 0) dispatch(pass, kernel, 'eligibility_decay', k, slotGroups, modulated.length);
      dispatch(pass, kernel, 'decay_modulators', k, 1);
    },
    pulse(index, amount) {
      words[0] = index;
      amountBits[0] = amount;
      device.queue.writeBuffer(pulseRequest, 0, words);
      const encoder = device.createCommandEncoder({ label: 'pulse' });
      const pass = encoder.beginComputePass({ label: 'pulse' });
      dispatch(pass, kernel, 'pulse', 0, 1);
      pass.end();
      device.queue.submit([encoder.finish()]);
    },
  };
}
