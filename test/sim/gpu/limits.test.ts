/**
 * A network too big for the device, or a kernel wider than it, is refused
 * before anything is allocated, with the numbers named; and no kernel of
 * the engine is wider than WebGPU's default of 8 storage buffers, the most
 * a browser's device offers unless raised, so every genome runs there.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseGenome } from '@/model';
import { buildConnectome, type Connectome, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { requestEngineDevice } from '@/sim/gpu/device';
import { checkFits } from '@/sim/gpu/device';
import { KERNELS } from '@/sim/gpu/kernels';
import { compileKernel } from '@/sim/gpu/pipeline';
import { livingNetwork } from '../cpu/living-network';
import { device, gpuEngine } from './harness';

const MiB = 2 ** 20;
const small = { limits: { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB } } as Pick<GPUDevice, 'limits'>;

/** WebGPU's default maxStorageBuffersPerShaderStage, which every adapter offers. */
const DEFAULT_STORAGE_BUFFERS = 8;

describe('checkFits', () => {
  it('accepts arrays up to the smaller of the binding and buffer limits', () => {
    expect(() => checkFits(small, [['weight', (128 * MiB) / 4]])).not.toThrow();
  });

  it('refuses larger ones with the array, its size and the limit named', () => {
    expect(() => checkFits(small, [['weight', (160 * MiB) / 4], ['target', (160 * MiB) / 4], ['ring', 10]])).toThrow(
      'WebGPU engine: the network is too big for this device: weight needs 160 MiB, target needs 160 MiB; the device binds at most 128 MiB per array. Use fewer neurons or synapses, or the CPU engine.',
    );
  });
});

describe('compileKernel', () => {
  it('refuses a kernel binding more storage buffers than the device allows, naming both counts', async () => {
    const narrow = { limits: { maxStorageBuffersPerShaderStage: 4 } } as GPUDevice;
    await expect(compileKernel(narrow, 'propagate', KERNELS.propagate, {} as never, new Map(), 1, 1, 1)).rejects.toThrow(
      'WebGPU engine: kernel "propagate" binds 7 storage buffers; this device allows 4 per kernel',
    );
  });
});

describe('requestEngineDevice', () => {
  it("raises the array size and workgroup limits to an adapter's that allows 12 storage buffers per kernel, and leaves that at the default 8", async () => {
    const limits = { maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: 2 ** 32, maxStorageBuffersPerShaderStage: 12, maxComputeWorkgroupsPerDimension: 2 ** 20 };
    const requestDevice = vi.fn(async () => ({}) as GPUDevice);
    await requestEngineDevice({ limits, requestDevice } as unknown as GPUAdapter, 'test');
    expect(requestDevice).toHaveBeenCalledWith({ label: 'test', requiredLimits: { maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: 2 ** 32, maxComputeWorkgroupsPerDimension: 2 ** 20 } });
  });
});

/**
 * The living network (structural plasticity, pruning, growth, negative
 * drive, births by rate and by drive, dopamine-gated STDP) with an adaptive
 * threshold on E and normalisation on request of E -> E: every stage, so
 * every kernel the engine has.
 */
function everyRule(): Connectome {
  const genome = livingNetwork(3).genome;
  return buildConnectome(
    parseGenome({
      ...genome,
      populations: genome.populations.map((p) => (p.name === 'E' ? { ...p, adaptive_threshold: { theta_plus_mV: 0.05, tau_theta_ms: 1000 } } : p)),
      projections: genome.projections.map((p) => (p.source === 'E' ? { ...p, normalization: { total: 2.5, every_ms: 0 } } : p)),
    }),
  );
}

/** The arrays stage structure writes. */
const STRUCTURAL = ['target', 'weight', 'delaySteps', 'rowEnd', 'reverseSlot', 'reverseCount', 'alive', 'negativeDrive', 'structureTotals'];
const structuralArrays = (s: EngineSnapshot) => Object.fromEntries(STRUCTURAL.map((name) => [name, Array.from(s.arrays[name])]));

describe.skipIf(!device)('the engine on a device with the default 8 storage buffers per kernel', () => {
  it('gets that device from requestEngineDevice, compiles all 10 kernels for a genome with every rule at 8 or fewer, and prunes, grows and gives birth as the CPU over 600 steps', async () => {
    const gpu = device!;
    expect(gpu.limits.maxStorageBuffersPerShaderStage).toBe(DEFAULT_STORAGE_BUFFERS);
    const connectome = everyRule();
    // The binding list of every kernel, as its bind group layout is made from it.
    const storage = new Map<string, number>();
    const layouts = vi.spyOn(gpu, 'createBindGroupLayout');
    layouts.mockImplementation(function (this: GPUDevice, descriptor: GPUBindGroupLayoutDescriptor) {
      const entries = Array.from(descriptor.entries);
      storage.set(descriptor.label ?? '', entries.filter((e) => e.buffer?.type === 'storage' || e.buffer?.type === 'read-only-storage').length);
      return GPUDevice.prototype.createBindGroupLayout.call(gpu, descriptor);
    });
    const engine = await gpuEngine(connectome).finally(() => layouts.mockRestore());
    expect([...storage.keys()].sort()).toEqual(['homeostasis', 'inputs', 'inspect', 'integrate', 'modulation', 'plasticity', 'propagate', 'record', 'structure', 'structure_globals']);
    expect([...storage].filter(([, count]) => count > DEFAULT_STORAGE_BUFFERS)).toEqual([]);

    // Aversion 5 from the start drives E past its threshold; every 100 steps a period of pruning and growth ends. By step 600: 67 pruned, 35 grown, 1 born.
    const cpu = new CpuEngine(connectome);
    for (const e of [cpu, engine]) {
      e.pulseModulator('aversion', 5);
      e.step(600);
    }
    const [cpuFrame, gpuFrame] = [cpu.takeFrame(), await engine.readFrame()];
    expect(gpuFrame.structure).toEqual(cpuFrame.structure);
    const totals = cpu.structuralTotals();
    expect(Math.min(totals.grown, totals.pruned, totals.born)).toBeGreaterThan(0);
    expect(structuralArrays(await engine.snapshot())).toEqual(structuralArrays(await cpu.snapshot()));
    engine.destroy();
  });
});
