/**
 * The WebGPU engine on CUBA, timed as the benchmark needs it, and the two
 * reference measurements that say what bounds it (bench-gpu-bound.ts): the
 * time of a step of a near-empty network (dispatch overhead) and the
 * device's buffer copy bandwidth.
 *
 * Timing: step(n) only submits, so the clock stops when the queue reports
 * the work done. Dawn's Node binding does not hold the event loop open
 * while a GPU promise is pending, so every wait runs under a keep-alive timer.
 */
import { cubaGenome, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { GpuEngine } from '@/sim/gpu/engine';
import type { ShaderSources } from '@/sim/gpu/kernels';
import { median } from './bench-cuba';
import { nodeGpu, readShaderSources } from './gpu';
import { countSynapses } from './report';
import { stepsFor } from './run';

export interface BenchGpu {
  device: GPUDevice;
  /** The adapter in words (describeAdapter). */
  adapter: string;
  /** A software adapter (SwiftShader): the kernels run on the CPU. */
  isFallback: boolean;
  sources: ShaderSources;
}

/** Runs `work` with a timer holding the event loop open until it settles. */
export async function keepingAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {}, 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export async function openBenchGpu(): Promise<BenchGpu | { unavailable: string }> {
  const found = await keepingAlive(nodeGpu);
  if ('unavailable' in found) return found;
  return { ...found, sources: readShaderSources() };
}

/** Steps run before timing, then undone by a restore: pipelines and buffers are warm when the clock starts. */
const WARMUP_STEPS = 100;

export interface GpuCubaResult {
  neurons: number;
  synapses: number;
  /** Growing the connectome, uploading it and compiling the kernels, s. */
  buildS: number;
  /** Wall time of each repeat's steps, submission to completion, s. */
  runS: number[];
  medianRunS: number;
  steps: number;
  simulatedS: number;
  spikes: number;
  synapticEvents: number;
  meanRateHz: number;
}

/**
 * Grows CUBA at `neurons`, runs it `repeats` times from the same start (a
 * restore of the initial state before each; spikes not recorded) and times
 * each run from its first submission to the device's completion.
 */
export function runGpuCuba(gpu: BenchGpu, neurons: number, durationS: number, seed: number, repeats: number): Promise<GpuCubaResult> {
  return keepingAlive(async () => {
    const buildStart = performance.now();
    const genome = parseGenome(cubaGenome(neurons, seed));
    const connectome = buildConnectome(genome);
    const engine = await GpuEngine.create(gpu.device, connectome, gpu.sources, { recordSpikes: false });
    const buildS = (performance.now() - buildStart) / 1000;
    try {
      const initial = await engine.snapshot();
      engine.step(WARMUP_STEPS);
      await gpu.device.queue.onSubmittedWorkDone();
      const steps = stepsFor(durationS, genome.dt_ms);
      const runS: number[] = [];
      let spikes = 0;
      let synapticEvents = 0;
      for (let r = 0; r < repeats; r++) {
        await engine.restore(initial);
        await gpu.device.queue.onSubmittedWorkDone();
        const start = performance.now();
        engine.step(steps);
        await gpu.device.queue.onSubmittedWorkDone();
        runS.push((performance.now() - start) / 1000);
        const frame = await engine.readFrame();
        spikes = frame.populationSpikes.reduce((a, b) => a + b, 0);
        synapticEvents = frame.synapticEvents;
      }
      const simulatedS = (steps * genome.dt_ms) / 1000;
      return { neurons, synapses: countSynapses(connectome), buildS, runS, medianRunS: median(runS), steps, simulatedS, spikes, synapticEvents, meanRateHz: spikes / (neurons * simulatedS) };
    } finally {
      engine.destroy();
    }
  });
}

/** Neurons of the near-empty network: one workgroup of 64 per dispatch. */
export const EMPTY_NETWORK_NEURONS = 64;
/** Its dispatches per step: integrate, propagate, record (no sources, no learning). */
export const CUBA_DISPATCHES_PER_STEP = 3;

/**
 * Wall time of one step of CUBA's neurons at N = 64 without synapses: three
 * dispatches of one workgroup each, so the step costs what launching them
 * costs. Median of three runs of `steps` steps, s per step.
 */
export function emptyStepS(gpu: BenchGpu, steps: number): Promise<number> {
  return keepingAlive(async () => {
    const genome = parseGenome({ ...cubaGenome(EMPTY_NETWORK_NEURONS), projections: [] });
    const engine = await GpuEngine.create(gpu.device, buildConnectome(genome), gpu.sources, { recordSpikes: false });
    try {
      engine.step(WARMUP_STEPS);
      await gpu.device.queue.onSubmittedWorkDone();
      const perStep: number[] = [];
      for (let r = 0; r < 3; r++) {
        const start = performance.now();
        engine.step(steps);
        await gpu.device.queue.onSubmittedWorkDone();
        perStep.push((performance.now() - start) / 1000 / steps);
      }
      return median(perStep);
    } finally {
      engine.destroy();
    }
  });
}

/**
 * The device's copy bandwidth, bytes per second read plus written: `copies`
 * buffer-to-buffer copies of `bytes` in one submission, timed to completion.
 * The reference a kernel's bytes per second is compared with.
 */
export function copyBandwidth(gpu: BenchGpu, bytes: number, copies: number): Promise<number> {
  return keepingAlive(async () => {
    const { device } = gpu;
    const usage = GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const from = device.createBuffer({ label: 'bench copy source', size: bytes, usage });
    const to = device.createBuffer({ label: 'bench copy target', size: bytes, usage });
    const submitCopies = (count: number) => {
      const encoder = device.createCommandEncoder({ label: 'bench copies' });
      for (let k = 0; k < count; k++) encoder.copyBufferToBuffer(from, 0, to, 0, bytes);
      device.queue.submit([encoder.finish()]);
      return device.queue.onSubmittedWorkDone();
    };
    try {
      await submitCopies(1);
      const start = performance.now();
      await submitCopies(copies);
      return (2 * bytes * copies) / ((performance.now() - start) / 1000);
    } finally {
      from.destroy();
      to.destroy();
    }
  });
}
