/** The engines the command line can run, by backend name. */
import type { Backend, Connectome, EngineSnapshot, Frame } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { UsageError } from './args';

/** What the runner needs of an engine: step synchronously, take the frame since the last one, and the state at the end. */
export interface SteppingEngine {
  readonly backend: Backend;
  step(steps: number): void;
  takeFrame(): Frame;
  snapshot(): Promise<EngineSnapshot>;
}

export type EngineFactory = (connectome: Connectome, options: { recordSpikes: boolean }) => SteppingEngine;

/**
 * The constructor of `backend`'s engine, asked for before the network is
 * grown so that a backend the runner cannot step fails at once. The runner
 * reads each chunk's frame synchronously, which only the CPU engine gives;
 * the WebGPU engine runs in the page and in `npm run bench`.
 */
export function engineFactory(backend: Backend): EngineFactory {
  switch (backend) {
    case 'cpu':
      return (connectome, options) => new CpuEngine(connectome, options);
    case 'webgpu':
      throw new UsageError(['--backend webgpu: the runner steps the CPU engine only; the WebGPU engine runs in the page and in npm run bench (--gpu-sizes); use --backend cpu']);
  }
}
