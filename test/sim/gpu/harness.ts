/**
 * WebGPU in vitest: one device per test file (Dawn + SwiftShader here, a
 * real GPU where there is one), the engines built on it, and the comparison
 * helpers the agreement suites share. Without an adapter the suites are
 * skipped, except under CI, where that is a failure (.ci/run installs
 * SwiftShader with chromium).
 */
import { afterAll } from 'vitest';
import { nodeGpu, readShaderSources } from '@/cli/gpu';
import type { Connectome } from '@/sim/connectome';
import { CpuEngine } from '@/sim/cpu';
import { GpuEngine, type GpuEngineOptions } from '@/sim/gpu/engine';

const found = await nodeGpu();
if ('unavailable' in found && process.env.CI) throw new Error(`WebGPU tests need an adapter under CI: ${found.unavailable}`);

/** The device, or undefined when this machine has no WebGPU adapter (suites then skip). */
export const device: GPUDevice | undefined = 'device' in found ? found.device : undefined;
export const adapterName = 'device' in found ? found.adapter : found.unavailable;
export const sources = readShaderSources();

afterAll(() => device?.destroy());

export function gpuEngine(connectome: Connectome, options: GpuEngineOptions = {}): Promise<GpuEngine> {
  return GpuEngine.create(device!, connectome, sources, options);
}

/** Both engines on the same network, each with its own copy of the initial state. */
export async function enginePair(connectome: Connectome, options: GpuEngineOptions = {}): Promise<{ cpu: CpuEngine; gpu: GpuEngine }> {
  return { cpu: new CpuEngine(connectome, options), gpu: await gpuEngine(connectome, options) };
}

/** A frame's spikes as "step:neuron" strings sorted by step then neuron: the order inside a step is the engine's own. */
export function spikeKeys(frame: { spikeStep: Uint32Array; spikeNeuron: Uint32Array }): string[] {
  const pairs = Array.from(frame.spikeStep, (s, k) => [s, frame.spikeNeuron[k]] as const);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.map(([s, i]) => `${s}:${i}`);
}

/** Largest |a - b| / max(|b|, floor) over two arrays: relative error with an absolute floor near 0. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1): number {
  let worst = 0;
  for (let k = 0; k < b.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(Math.abs(b[k]), floor));
  return worst;
}
