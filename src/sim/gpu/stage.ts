/**
 * What a learning or structural stage of the WebGPU engine gets when the
 * engine is built, and what it gives back: its dispatches for a step, and
 * the operations it serves (normalisation on request, modulator pulses,
 * structural events for frames).
 */
import type { Connectome } from '../connectome';
import type { LearningConstants } from '../cpu/learning-params';
import type { PopulationConstants } from '../cpu/params';
import type { KernelDecl } from './kernels';
import type { GpuBuffers, Kernel } from './pipeline';

export interface StageContext {
  device: GPUDevice;
  connectome: Connectome;
  constants: readonly PopulationConstants[];
  learning: LearningConstants;
  /** The engine's buffers (layout.ts names); a stage may add its own before compiling. */
  buffers: GpuBuffers;
  /** Creates a storage buffer of `words` 32-bit words (at least one), registered under `name`. */
  createBuffer(name: string, words: number, usage?: number): GPUBuffer;
  /** Compiles a kernel against the engine's buffers. */
  compile(name: string, decl: KernelDecl): Promise<Kernel>;
  /** Independent copies of the neuron state (1 for an Engine). */
  copies: number;
}

export interface GpuStage {
  /** Records the stage's dispatches for step `step`, in step slot `k` of the submission (dispatch(pass, kernel, entry, k, ...)). */
  encode(pass: GPUComputePassEncoder, k: number, step: number): void;
}

export type StageFactory<S extends GpuStage = GpuStage> = (ctx: StageContext) => Promise<S | undefined>;

/** Workgroups of 64 threads covering `n` items. */
export function groupsOf(n: number): number {
  return Math.ceil(n / 64);
}

/**
 * Workgroups that share out a step's spikes (propagate, plasticity, record):
 * one per 64 neurons, up to 1,024. Idle workgroups cost little on a GPU but
 * a lot on SwiftShader, and 1 / 64 of the network firing in one step is
 * already a burst; kernels stride by the count, so any count is correct.
 */
export function spikeGroupsFor(neurons: number): number {
  return Math.min(1024, Math.max(1, groupsOf(neurons)));
}
