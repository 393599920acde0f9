/**
 * Every growth, pruning and birth is counted, per frame and since the start,
 * and a uniform sample of each frame's events is kept for the connectome
 * view: a reservoir (Vitter 1985, "Random sampling with a reservoir", ACM
 * TOMS 11:37, algorithm R) of EVENT_SAMPLE_SIZE triples (kind, pre, post).
 * The k-th event of a frame (k from 0) takes a reservoir place j drawn
 * uniformly from 0..k and replaces the event there when j < the sample's
 * size; its draw is keyed by the event's number since the start, which the
 * snapshot carries, so the sample repeats exactly.
 */
import { StructuralEventKind, type StructuralTotals } from '../engine';
import { uniformIndex } from '../build/distributions';
import { philox4x32, Stream } from '../rng';

/** Events a frame's sample holds at most. */
export const EVENT_SAMPLE_SIZE = 256;

const TWO_POW_32 = 4294967296;

/** The events of the frame being recorded. */
export interface StructureRecording {
  grown: number;
  pruned: number;
  born: number;
  /** Triples (kind, pre, post) at 3k .. 3k + 2 for k < sampleCount. */
  sample: Uint32Array;
  sampleCount: number;
}

export function createStructureRecording(): StructureRecording {
  return { grown: 0, pruned: 0, born: 0, sample: new Uint32Array(3 * EVENT_SAMPLE_SIZE), sampleCount: 0 };
}

export function clearStructureRecording(recording: StructureRecording): void {
  recording.grown = 0;
  recording.pruned = 0;
  recording.born = 0;
  recording.sampleCount = 0;
}

/**
 * Events since the start, as the state keeps them: a u32 (low, high) pair per
 * kind in StructuralEventKind order (grown, pruned, born), so a long run never
 * loses count and the array fits a snapshot.
 */
export const TOTALS_LENGTH = 6;

/** Events of `kind` since the start (exact below 2^53). */
export function totalOf(totals: Uint32Array, kind: StructuralEventKind): number {
  return totals[2 * kind + 1] * TWO_POW_32 + totals[2 * kind];
}

/** Every kind's events since the start, from the state's (low, high) words. */
export function totalsOf(totals: Uint32Array): StructuralTotals {
  return { grown: totalOf(totals, StructuralEventKind.grown), pruned: totalOf(totals, StructuralEventKind.pruned), born: totalOf(totals, StructuralEventKind.born) };
}

/** Scratch and keys an event needs, owned by the engine. */
export interface EventSink {
  recording: StructureRecording;
  totals: Uint32Array;
  seed: number;
  words: Uint32Array;
}

/** Counts one event and offers it to the frame's sample; pre = post = the newborn for a birth. */
export function recordEvent(sink: EventSink, kind: StructuralEventKind, pre: number, post: number): void {
  const { recording, totals } = sink;
  // k: the event's place in this frame; n: its number since the start. Key: (n low, n high, 0, 10).
  const k = recording.grown + recording.pruned + recording.born;
  if (kind === StructuralEventKind.grown) recording.grown++;
  else if (kind === StructuralEventKind.pruned) recording.pruned++;
  else recording.born++;
  let place = k;
  if (k >= EVENT_SAMPLE_SIZE) {
    const n = totalOf(totals, StructuralEventKind.grown) + totalOf(totals, StructuralEventKind.pruned) + totalOf(totals, StructuralEventKind.born);
    const words = philox4x32(n >>> 0, Math.floor(n / TWO_POW_32) >>> 0, 0, 10, sink.seed, Stream.structure, sink.words);
    place = uniformIndex(words[0], words[1], k + 1);
  }
  if (place < EVENT_SAMPLE_SIZE) {
    const at = 3 * place;
    recording.sample[at] = kind;
    recording.sample[at + 1] = pre;
    recording.sample[at + 2] = post;
    if (place === recording.sampleCount) recording.sampleCount++;
  }
  const low = totals[2 * kind] + 1;
  if (low === TWO_POW_32) {
    totals[2 * kind] = 0;
    totals[2 * kind + 1]++;
  } else {
    totals[2 * kind] = low;
  }
}
