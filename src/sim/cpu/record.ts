/**
 * Stage `record` (Brian2's SpikeMonitor: `t` as a step, `i` as a global
 * neuron index; StateMonitor for the probed neuron's v) and the frames cut
 * from it. Spikes per population are counted always; the spikes themselves
 * only when recording is on.
 */
import { PROBE_CAPACITY, type Frame } from '../engine';
import { probeTrace, recordProbe, takeProbe, type Probe } from './probe';
import type { SpikeList } from './state';
import { clearStructureRecording, createStructureRecording, type StructureRecording } from './structure-events';

/** Spikes the recording holds before its first growth. */
const INITIAL_CAPACITY = 4096;

/** What has happened since the last frame. */
export interface Recording {
  enabled: boolean;
  /** Recorded spikes: step and neuron of spike k at index k < spikeCount. Grown by doubling, never shrunk. */
  spikeStep: Uint32Array;
  spikeNeuron: Uint32Array;
  spikeCount: number;
  populationSpikes: Float64Array;
  synapticEvents: number;
  /** Growths, prunings and births, and their sample (stage `structure` writes them). */
  structure: StructureRecording;
  /** The membrane probe and its ring of v by step (probe.ts). */
  probe: Probe;
  probeRing: Float32Array;
  /** First step the next frame covers. */
  frameStart: number;
}

export function createRecording(populationCount: number, enabled: boolean, frameStart: number): Recording {
  const capacity = enabled ? INITIAL_CAPACITY : 0;
  return {
    enabled,
    spikeStep: new Uint32Array(capacity),
    spikeNeuron: new Uint32Array(capacity),
    spikeCount: 0,
    populationSpikes: new Float64Array(populationCount),
    synapticEvents: 0,
    structure: createStructureRecording(),
    probe: { neuron: null, from: frameStart },
    probeRing: new Float32Array(PROBE_CAPACITY),
    frameStart,
  };
}

/** Doubles the buffers until `needed` spikes fit: amortised, so a long frame costs O(1) per spike. */
function reserve(recording: Recording, needed: number): void {
  let capacity = recording.spikeStep.length;
  if (needed <= capacity) return;
  while (capacity < needed) capacity *= 2;
  const step = new Uint32Array(capacity);
  const neuron = new Uint32Array(capacity);
  step.set(recording.spikeStep.subarray(0, recording.spikeCount));
  neuron.set(recording.spikeNeuron.subarray(0, recording.spikeCount));
  recording.spikeStep = step;
  recording.spikeNeuron = neuron;
}

export function record(recording: Recording, spikes: SpikeList, populationOf: Uint16Array, v: Float32Array, step: number): void {
  recordProbe(recording.probe, recording.probeRing, v, step);
  const ids = spikes.neuron;
  const counts = recording.populationSpikes;
  for (let k = 0; k < spikes.count; k++) counts[populationOf[ids[k]]]++;
  if (!recording.enabled || spikes.count === 0) return;
  reserve(recording, recording.spikeCount + spikes.count);
  // A plain loop rather than set(subarray(...)): a subarray is an allocation per step.
  const { spikeStep, spikeNeuron } = recording;
  let at = recording.spikeCount;
  for (let k = 0; k < spikes.count; k++, at++) {
    spikeStep[at] = step;
    spikeNeuron[at] = ids[k];
  }
  recording.spikeCount = at;
}

/**
 * The frame since the last one, copied out (the caller may transfer it), with
 * the modulator levels as they stand at `stepEnd`; the recording starts over
 * at `stepEnd`.
 */
export function takeFrame(recording: Recording, stepEnd: number, modulators: Float32Array): Frame {
  const { structure, probe, probeRing } = recording;
  const take = takeProbe(probe, stepEnd);
  const frame: Frame = {
    stepStart: recording.frameStart,
    stepEnd,
    spikeStep: recording.spikeStep.slice(0, recording.spikeCount),
    spikeNeuron: recording.spikeNeuron.slice(0, recording.spikeCount),
    populationSpikes: recording.populationSpikes.slice(),
    synapticEvents: recording.synapticEvents,
    modulators: modulators.slice(),
    structure: { grown: structure.grown, pruned: structure.pruned, born: structure.born, sample: structure.sample.slice(0, 3 * structure.sampleCount) },
    probe: take && probeTrace(take, take.spans.map(([offset, length]) => probeRing.subarray(offset, offset + length))),
  };
  clearRecording(recording, stepEnd);
  return frame;
}

/** Forgets everything recorded (the probed neuron stays): the next frame starts at `frameStart`. */
export function clearRecording(recording: Recording, frameStart: number): void {
  recording.spikeCount = 0;
  recording.probe.from = frameStart;
  recording.populationSpikes.fill(0);
  recording.synapticEvents = 0;
  clearStructureRecording(recording.structure);
  recording.frameStart = frameStart;
}
