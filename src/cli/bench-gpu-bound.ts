/**
 * What bounds the WebGPU engine on CUBA at each size, from numbers:
 * - dispatch overhead: a step of the near-empty network (three dispatches of
 *   one workgroup) against a step at N;
 * - memory bandwidth: the bytes a step must move (the model below) per
 *   second against the device's buffer copy bandwidth;
 * - otherwise the kernels' own work (arithmetic, atomics, memory latency).
 */
import { significant } from './report';

/** Integrate, per neuron: reads v, ge, gi, refractory, alive and its two current channels of the ring; writes v, ge, gi (10 words). */
export const INTEGRATE_BYTES_PER_NEURON = 40;
/** Propagate, per synaptic event: reads target, delay, weight (3 words); one atomic add into the ring (read and write, 2 words). */
export const PROPAGATE_BYTES_PER_EVENT = 20;
/** Per spike: written to the list, read by propagate and record, its row end read, its spike count read and written (5 words). */
export const BYTES_PER_SPIKE = 20;
/** A share at or above this names the bound. */
const BOUND_SHARE = 0.5;

export type Bound = 'dispatch overhead' | 'memory bandwidth' | 'kernel work';

export interface GpuRun {
  neurons: number;
  steps: number;
  /** Wall time of the steps, s. */
  runS: number;
  spikes: number;
  synapticEvents: number;
}

export interface GpuBound {
  neurons: number;
  stepS: number;
  /** The near-empty network's step time over this one's. */
  overheadShare: number;
  /** Bytes a step moves at least, by the model above. */
  bytesPerStep: number;
  bytesPerS: number;
  /** bytesPerS over the copy bandwidth. */
  bandwidthShare: number;
  eventsPerStep: number;
  bound: Bound;
}

/** Bytes a CUBA step at `neurons` moves at least, with `eventsPerStep` synaptic events and `spikesPerStep` spikes. */
export function cubaBytesPerStep(neurons: number, eventsPerStep: number, spikesPerStep: number): number {
  return neurons * INTEGRATE_BYTES_PER_NEURON + eventsPerStep * PROPAGATE_BYTES_PER_EVENT + spikesPerStep * BYTES_PER_SPIKE;
}

/** The bound of `run`, given the near-empty network's step time and the copy bandwidth (bytes/s). */
export function gpuBound(run: GpuRun, emptyStepS: number, copyBytesPerS: number): GpuBound {
  const stepS = run.runS / run.steps;
  const eventsPerStep = run.synapticEvents / run.steps;
  const bytesPerStep = cubaBytesPerStep(run.neurons, eventsPerStep, run.spikes / run.steps);
  const bytesPerS = bytesPerStep / stepS;
  const overheadShare = emptyStepS / stepS;
  const bandwidthShare = bytesPerS / copyBytesPerS;
  const bound: Bound = overheadShare >= BOUND_SHARE && overheadShare >= bandwidthShare ? 'dispatch overhead' : bandwidthShare >= BOUND_SHARE ? 'memory bandwidth' : 'kernel work';
  return { neurons: run.neurons, stepS, overheadShare, bytesPerStep, bytesPerS, bandwidthShare, eventsPerStep, bound };
}

const percent = (x: number) => `${significant(100 * x, 2)}%`;

/** The bound table and how to read it, Markdown. */
export function formatGpuBounds(bounds: readonly GpuBound[], emptyStepS: number, copyBytesPerS: number): string {
  const lines = [
    `Near-empty network (CUBA's neurons at N = 64, no synapses; 3 dispatches of one workgroup): ${significant(emptyStepS * 1e6)} µs per step. ` +
      `Buffer copy bandwidth: ${significant(copyBytesPerS / 1e9)} GB/s (read + written).`,
    '',
    '| N | µs / step | dispatch overhead share | MB moved / step | GB/s | share of copy bandwidth | synaptic events / step | bound |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const b of bounds)
    lines.push(
      `| ${b.neurons.toLocaleString('en')} | ${significant(b.stepS * 1e6)} | ${percent(b.overheadShare)} | ${significant(b.bytesPerStep / 1e6)} | ${significant(b.bytesPerS / 1e9)} | ` +
        `${percent(b.bandwidthShare)} | ${significant(b.eventsPerStep)} | ${b.bound} |`,
    );
  lines.push(
    '',
    `Bytes moved per step, at least: ${INTEGRATE_BYTES_PER_NEURON} B per neuron (integrate), ${PROPAGATE_BYTES_PER_EVENT} B per synaptic event (propagate), ` +
      `${BYTES_PER_SPIKE} B per spike (src/cli/bench-gpu-bound.ts). The bound is the share at or above ${BOUND_SHARE * 100}%: dispatch overhead ` +
      '(the near-empty step over this step), else memory bandwidth (GB/s over the copy bandwidth), else the kernels\' own work (arithmetic, atomics, latency).',
  );
  return lines.join('\n');
}
