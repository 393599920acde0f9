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
 * grown so that a backend Node cannot run fails at once. The WebGPU engine
 * does not exist yet, so asking for it is a usage error.
 */
export function engineFactory(backend: Backend): EngineFactory {
  switch (backend) {
    case 'cpu':
      return (connectome, options) => new CpuEngine(connectome, options);
    case 'webgpu':
      throw new UsageError(['--backend webgpu: the WebGPU engine does not exist yet; use --backend cpu']);
  }
}
