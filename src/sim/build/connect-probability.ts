/**
 * Pairwise connection probability p, drawn by geometric skipping: the gap to
 * the next connected target is floor(ln u / ln(1 - p)), so the cost is one
 * logarithm per synapse rather than one draw per (source, target) pair. CUBA
 * at a million neurons is 80 million synapses out of 10^12 pairs.
 */
import { philox4x32, Stream, toUniformOpenZero } from '../rng';
import { rowBase, rowOverflow, type RowBlock } from './row-block';

/** Where a geometric sample's draws come from: key (seed, stream), counter (c0, c1, call, tag). */
export interface SampleCounter {
  seed: number;
  stream: Stream;
  c0: number;
  c1: number;
  tag: number;
}

/**
 * Each of the candidates 0 .. n - 1 but `skip` (-1 for none) chosen with
 * probability p, in ascending order, by geometric skipping: the four words of
 * call c give the gaps of draws 4c .. 4c + 3. Chosen candidate c is written
 * as `offset + c` to out[outStart + k] while k < capacity. Returns how many
 * were chosen, which may exceed capacity (the caller says so). A source's row
 * in the builder and a newborn target's incoming sources in the engine are
 * the same draw under different counters.
 */
export function geometricSample(
  p: number,
  n: number,
  skip: number,
  counter: SampleCounter,
  out: Uint32Array,
  outStart: number,
  offset: number,
  capacity: number,
  words: Uint32Array,
): number {
  let used = 0;
  if (p >= 1) {
    for (let c = 0; c < n; c++) {
      if (c === skip) continue;
      if (used < capacity) out[outStart + used] = offset + c;
      used++;
    }
    return used;
  }
  if (p <= 0) return 0;
  const { seed, stream, c0, c1, tag } = counter;
  // ln(1 - p) via log1p: below p = 1e-16, Math.log(1 - p) is 0, every gap -Infinity, and the row would never end.
  const logMiss = Math.log1p(-p);
  let c = -1;
  for (let call = 0; ; call++) {
    philox4x32(c0, c1, call, tag, seed, stream, words);
    let w = 0;
    for (; w < 4; w++) {
      const gap = Math.log(toUniformOpenZero(words[w])) / logMiss;
      // Past the last candidate already; otherwise gap < 2^31, so `| 0` is floor and c stays a small integer.
      if (gap >= n) break;
      c += 1 + (gap | 0);
      if (c >= n) break;
      if (c === skip) continue;
      if (used < capacity) out[outStart + used] = offset + c;
      used++;
    }
    if (w < 4) return used;
  }
}

/** Each source's row: key (seed, Stream.connect), counter (projection, source, call, 0). */
export function connectProbability(block: RowBlock, p: number): void {
  const { projection, source, target, skipSelf, seed, targets, rowEnd } = block;
  const counter: SampleCounter = { seed, stream: Stream.connect, c0: projection.index, c1: 0, tag: 0 };
  const words = new Uint32Array(4);
  for (let s = 0; s < source.size; s++) {
    counter.c1 = s;
    const used = geometricSample(p, target.size, skipSelf ? s : -1, counter, targets, rowBase(block, s), target.start, projection.rowCapacity, words);
    if (used > projection.rowCapacity) throw rowOverflow(block, s, used);
    rowEnd[projection.rowStart + s] = used;
  }
}
