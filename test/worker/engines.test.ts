/**
 * Which engine the worker picks, and what it says: every way WebGPU can be
 * missing or refuse the network ends on the CPU engine with the reason. The
 * browser's GPU is played by stand-ins that answer as Chromium does
 * (requestAdapter gives null when WebGPU is off); the device that is too
 * small is refused by the WebGPU engine's own size check, before any buffer.
 */
import { describe, expect, it } from 'vitest';
import { readShaderSources } from '@/cli/gpu';
import { DEFAULT_PRESET, parseGenome, PRESETS } from '@/model';
import { buildConnectome } from '@/sim';
import { SHADER_FILES } from '@/sim/gpu/kernels';
import { chooseEngine } from '@/worker/engines';
import { SHADER_SOURCES } from '@/worker/shaders';

const connectome = buildConnectome(parseGenome(PRESETS[DEFAULT_PRESET].genome({})));

/** A device as far as the WebGPU engine reads it before its first buffer: limits of `limitBytes`, a loss that never comes. */
function smallDevice(limitBytes: number) {
  const device = {
    limits: { maxStorageBufferBindingSize: limitBytes, maxBufferSize: limitBytes },
    lost: new Promise<GPUDeviceLostInfo>(() => {}),
    addEventListener: () => {},
    destroyed: 0,
    destroy: () => device.destroyed++,
  };
  return device;
}

/** navigator.gpu with one adapter whose requestDevice gives `device` (or throws). */
function gpuWith(requestDevice: () => Promise<unknown>): GPU {
  const adapter = {
    info: { vendor: 'test', architecture: 'tiny', device: '', description: '', isFallbackAdapter: false },
    limits: { maxStorageBufferBindingSize: 1 << 20, maxBufferSize: 1 << 20, maxStorageBuffersPerShaderStage: 8, maxComputeWorkgroupsPerDimension: 65535 },
    requestDevice,
  };
  return { requestAdapter: async () => adapter } as unknown as GPU;
}

describe('chooseEngine: the CPU engine, with the reason, whenever WebGPU cannot run the network', () => {
  it('no navigator.gpu: CPU, "this browser has no WebGPU"', async () => {
    const hosted = await chooseEngine(connectome, undefined, SHADER_SOURCES);
    expect(hosted.engine.backend).toBe('cpu');
    expect(hosted.report).toEqual({ backend: 'cpu', label: 'CPU', fallback: 'this browser has no WebGPU' });
    expect(hosted.failed).toBeUndefined();
  });

  it('no adapter (Chromium without --enable-unsafe-webgpu on Linux): CPU, saying WebGPU is off or unsupported', async () => {
    const gpu = { requestAdapter: async () => null } as unknown as GPU;
    const hosted = await chooseEngine(connectome, gpu, SHADER_SOURCES);
    expect(hosted.report.fallback).toBe('this browser offers no WebGPU adapter (WebGPU is switched off, or the GPU is not supported)');
  });

  it('the device request fails: CPU, with the browser\'s message', async () => {
    const hosted = await chooseEngine(
      connectome,
      gpuWith(() => Promise.reject(new Error('OperationError: limits exceed the adapter'))),
      SHADER_SOURCES,
    );
    expect(hosted.report.fallback).toBe('no WebGPU device: OperationError: limits exceed the adapter');
  });

  // The default network has 1,256 neurons: NEURON_FIELDS x 1,256 words of neuron state alone exceed 16 KiB.
  it('a device binding 16 KiB per array: CPU, with the engine\'s refusal naming the arrays, and the device released', async () => {
    const device = smallDevice(16 * 1024);
    const hosted = await chooseEngine(connectome, gpuWith(async () => device), SHADER_SOURCES);
    expect(hosted.engine.backend).toBe('cpu');
    expect(hosted.report.fallback).toMatch(/^WebGPU engine: the network is too big for this device: neurons needs [\d.]+ MiB, .*target needs [\d.]+ MiB/);
    expect(hosted.report.fallback).toContain('the device binds at most 0.015625 MiB per array');
    expect(device.destroyed).toBe(1);
  });

  it('shader files missing from the bundle: CPU, naming them, and the device released', async () => {
    const device = smallDevice(1 << 30);
    const hosted = await chooseEngine(connectome, gpuWith(async () => device), { common: SHADER_SOURCES.common });
    expect(hosted.report.fallback).toBe(
      `the WebGPU engine could not be built: WebGPU engine: shader files missing: ${SHADER_FILES.filter((f) => f !== 'common')
        .map((f) => `shaders/${f}.wgsl`)
        .join(', ')}`,
    );
    expect(device.destroyed).toBe(1);
  });
});

describe('the shaders bundled for the browser', () => {
  it(`holds all ${SHADER_FILES.length} files of shaders/ under their names, as read from disk`, () => {
    expect(Object.keys(SHADER_SOURCES).sort()).toEqual([...SHADER_FILES].sort());
    expect(SHADER_SOURCES).toEqual(readShaderSources());
  });
});
