/**
 * The membrane probe (Engine.setProbe): after every step, stage `record`
 * writes the probed neuron's v into a ring of PROBE_CAPACITY values indexed
 * by step, and a frame takes the values of its steps, the last
 * PROBE_CAPACITY at most. The WebGPU engine keeps the same ring on the
 * device (shaders/record.wgsl) and reads the same spans of it.
 */
import type { Connectome } from '../connectome';
import { PROBE_CAPACITY, type ProbeTrace } from '../engine';

/** Which neuron is probed and since when; the ring of values is the engine's (an array here, a buffer on the GPU). */
export interface Probe {
  /** Global index of the probed neuron; null when none. */
  neuron: number | null;
  /** First step the next frame's trace may hold: the frame's start, or the first step after setProbe. */
  from: number;
}

/** Throws, naming the neuron and why, when `neuron` cannot be probed: out of range, or a spike source (no membrane). */
export function checkProbe(connectome: Connectome, neuron: number): void {
  const n = connectome.neuronCount;
  if (!Number.isInteger(neuron) || neuron < 0 || neuron >= n)
    throw new RangeError(`setProbe: neuron ${neuron} is out of range: the network has ${n} neurons (0..${n - 1}, unborn pools included)`);
  const population = connectome.populations[connectome.populationOf[neuron]];
  if (population.kind === 'spike_source')
    throw new TypeError(`setProbe: neuron ${neuron} belongs to spike source population "${population.name}", which has no membrane potential to record`);
}

/** Probes `neuron` (checked) from step `step` on, or stops when it is null. */
export function setProbe(probe: Probe, connectome: Connectome, neuron: number | null, step: number): void {
  if (neuron !== null) checkProbe(connectome, neuron);
  probe.neuron = neuron;
  probe.from = step;
}

/** Stage `record`'s part: the probed neuron's v after step `step`, into the ring. */
export function recordProbe(probe: Probe, ring: Float32Array, v: Float32Array, step: number): void {
  if (probe.neuron !== null) ring[step % PROBE_CAPACITY] = v[probe.neuron];
}

/** The probed neuron of a frame and where the ring holds its trace: (offset, length) spans, oldest first. */
export interface ProbeTake {
  neuron: number;
  spans: [number, number][];
}

/**
 * Ends the probe's frame at `stepEnd`: the neuron, and the spans of the ring
 * that hold its values for the frame's last steps (from `from`, at most
 * PROBE_CAPACITY): one span, or two where the steps wrap past the ring's
 * end. Null when nothing is probed. The next frame starts at `stepEnd`.
 */
export function takeProbe(probe: Probe, stepEnd: number): ProbeTake | null {
  const first = Math.max(probe.from, stepEnd - PROBE_CAPACITY);
  probe.from = stepEnd;
  if (probe.neuron === null) return null;
  const spans: [number, number][] = [];
  for (let step = first; step < stepEnd; ) {
    const offset = step % PROBE_CAPACITY;
    const length = Math.min(stepEnd - step, PROBE_CAPACITY - offset);
    spans.push([offset, length]);
    step += length;
  }
  return { neuron: probe.neuron, spans };
}

/** The trace of a take from its spans' values, in span order. */
export function probeTrace(take: ProbeTake, parts: readonly Float32Array[]): ProbeTrace {
  const v = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    v.set(part, at);
    at += part.length;
  }
  return { neuron: take.neuron, v };
}
