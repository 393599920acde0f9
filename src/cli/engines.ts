/** The engines the command line can run, by backend name. */
import type { Backend, Connectome, EngineSnapshot, Frame } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { UsageError } from './args';

/** What the runner needs of an engine: step, read the frame since the last one, and the state at the end. */
export interface SteppingEngine {
  readonly backend: Backend;
  step(steps: number): void;
  readFrame(): Promise<Frame>;
  snapshot(): Promise<EngineSnapshot>;
  /** Frees the engine's device memory (WebGPU); the CPU engine has none to free. */
  destroy?(): void;
}

export type EngineFactory = (connectome: Connectome, options: { recordSpikes: boolean }) => Promise<SteppingEngine>;

/**
 * The constructor of `backend`'s engine, asked for before the network is
 * grown so that a backend this machine cannot run fails at once: WebGPU
 * needs a device from Dawn (a GPU's Vulkan driver, or SwiftShader).
 */
export async function engineFactory(backend: Backend): Promise<EngineFactory> {
  switch (backend) {
    case 'cpu':
      return async (connectome, options) => new CpuEngine(connectome, options);
    case 'webgpu': {
      // Loaded here: the CPU runs need neither Dawn nor the WebGPU engine's modules.
      const [{ GpuEngine }, { openBenchGpu }] = await Promise.all([import('@/sim/gpu/engine'), import('./bench-gpu')]);
      const gpu = await openBenchGpu();
      if ('unavailable' in gpu) throw new UsageError([`--backend webgpu: ${gpu.unavailable}; use --backend cpu`]);
      return (connectome, options) => GpuEngine.create(gpu.device, connectome, gpu.sources, options);
    }
  }
}
