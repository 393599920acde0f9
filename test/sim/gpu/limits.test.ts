/** A network too big for the device, or a kernel wider than it, is refused before anything is allocated, with the numbers named. */
import { describe, expect, it } from 'vitest';
import { checkFits } from '@/sim/gpu/engine';
import { KERNELS } from '@/sim/gpu/kernels';
import { compileKernel } from '@/sim/gpu/pipeline';

const MiB = 2 ** 20;
const device = { limits: { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB } } as Pick<GPUDevice, 'limits'>;

describe('checkFits', () => {
  it('accepts arrays up to the smaller of the binding and buffer limits', () => {
    expect(() => checkFits(device, [['weight', (128 * MiB) / 4]])).not.toThrow();
  });

  it('refuses larger ones with the array, its size and the limit named', () => {
    expect(() => checkFits(device, [['weight', (160 * MiB) / 4], ['target', (160 * MiB) / 4], ['ring', 10]])).toThrow(
      'WebGPU engine: the network is too big for this device: weight needs 160 MiB, target needs 160 MiB; the device binds at most 128 MiB per array. Use fewer neurons or synapses, or the CPU engine.',
    );
  });
});

describe('compileKernel', () => {
  it('refuses a kernel binding more storage buffers than the device allows, naming both counts', async () => {
    const small = { limits: { maxStorageBuffersPerShaderStage: 4 } } as GPUDevice;
    await expect(compileKernel(small, 'propagate', KERNELS.propagate, {} as never, new Map(), 1, 1, 1)).rejects.toThrow(
      'WebGPU engine: kernel "propagate" binds 7 storage buffers; this device allows 4 per kernel',
    );
  });
});
