/**
 * Pairwise connection probability p, drawn by geometric skipping: the gap to
 * the next connected target is floor(ln u / ln(1 - p)), so the cost is one
 * logarithm per synapse rather than one draw per (source, target) pair. CUBA
 * at a million neurons is 80 million synapses out of 10^12 pairs.
 */
import { philox4x32, Stream, toUniformOpenZero } from '../rng';
import { rowBase, rowOverflow, type RowBlock } from './row-block';

/**
 * Key (seed, Stream.connect), counter (projection, source, call, 0): the
 * four words of call c give the gaps of draws 4c .. 4c + 3.
 */
export function connectProbability(block: RowBlock, p: number): void {
  const { projection, source, target, skipSelf, seed, targets, rowEnd } = block;
  const capacity = projection.rowCapacity;
  const targetAlive = target.size;
  const targetStart = target.start;
  // ln(1 - p) via log1p: below p = 1e-16, Math.log(1 - p) is 0, every gap -Infinity, and the row would never end.
  const logMiss = Math.log1p(-p);
  const words = new Uint32Array(4);
  for (let s = 0; s < source.size; s++) {
    const base = rowBase(block, s);
    let used = 0;
    if (p >= 1) {
      for (let t = 0; t < targetAlive; t++) {
        if (skipSelf && t === s) continue;
        if (used < capacity) targets[base + used] = targetStart + t;
        used++;
      }
    } else if (p > 0) {
      let t = -1;
      for (let call = 0; ; call++) {
        philox4x32(projection.index, s, call, 0, seed, Stream.connect, words);
        let w = 0;
        for (; w < 4; w++) {
          const gap = Math.log(toUniformOpenZero(words[w])) / logMiss;
          // Past the last target already; otherwise gap < 2^31, so `| 0` is floor and t stays a small integer.
          if (gap >= targetAlive) break;
          t += 1 + (gap | 0);
          if (t >= targetAlive) break;
          if (skipSelf && t === s) continue;
          if (used < capacity) targets[base + used] = targetStart + t;
          used++;
        }
        if (w < 4) break;
      }
    }
    if (used > capacity) throw rowOverflow(block, s, used);
    rowEnd[projection.rowStart + s] = used;
  }
}
