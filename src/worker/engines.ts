/**
 * Which engine the worker runs a network on: WebGPU when the browser gives
 * an adapter and a device that holds the network, the CPU engine otherwise,
 * each with the words that say which and why.
 */
import type { Connectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { describeAdapter, requestEngineDevice } from '@/sim/gpu/device';
import { GpuEngine } from '@/sim/gpu/engine';
import type { HostedEngine } from './host';
import { errorText } from './protocol';

/** The CPU engine, recording every spike for the raster; `fallback` says why WebGPU is not used, null when it was not wanted. */
export function cpuEngine(connectome: Connectome, fallback: string | null): HostedEngine {
  return { engine: new CpuEngine(connectome, { recordSpikes: true }), report: { backend: 'cpu', label: 'CPU', fallback } };
}

/**
 * The WebGPU engine on a device of its own from `gpu` (the worker's
 * `navigator.gpu`), or the CPU engine with the reason when there is no
 * adapter, no device, or the device cannot hold the network or compile its
 * kernels. The device's loss and its first uncaptured error resolve `failed`.
 */
export async function chooseEngine(connectome: Connectome, gpu: GPU | undefined, shaders: Partial<Record<string, string>>): Promise<HostedEngine> {
  if (!gpu) return cpuEngine(connectome, 'this browser has no WebGPU');
  let adapter: GPUAdapter | null;
  let device: GPUDevice;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return cpuEngine(connectome, 'this browser offers no WebGPU adapter (WebGPU is switched off, or the GPU is not supported)');
    device = await requestEngineDevice(adapter, 'neuroplay (worker)');
  } catch (error) {
    return cpuEngine(connectome, `no WebGPU device: ${errorText(error)}`);
  }
  const failed = new Promise<string>((resolve) => {
    // Worded as the engine words its own GpuEngineError for the loss: whichever reports first, the page reads the same.
    void device.lost.then((info) => resolve(`WebGPU device lost (${info.reason}): ${info.message || 'no message'}`));
    device.addEventListener('uncapturederror', (event) => resolve(`WebGPU failed: ${event.error.message}`));
  });
  let engine: GpuEngine;
  try {
    engine = await GpuEngine.create(device, connectome, shaders, { recordSpikes: true });
  } catch (error) {
    device.destroy();
    // A RangeError is the network refused for its size: its message names the array and the device's limit.
    return cpuEngine(connectome, error instanceof RangeError ? error.message : `the WebGPU engine could not be built: ${errorText(error)}`);
  }
  return {
    engine,
    report: { backend: 'webgpu', label: `WebGPU (${describeAdapter(adapter)})`, fallback: null },
    failed,
    dispose: () => {
      engine.destroy();
      device.destroy();
    },
    loseDevice: () => device.destroy(),
  };
}
