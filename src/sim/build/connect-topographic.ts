/**
 * Topographic: a source connects to each alive target whose layout position
 * lies within `radius` (inclusive), each with probability p. It visits every
 * (source, target) pair, O(sources x targets): fine for the retina-sized
 * maps this rule is for, not for a million neurons.
 */
import { philox4x32, Stream, toUniform } from '../rng';
import { rowBase, rowOverflow, type RowBlock } from './row-block';

/** Key (seed, Stream.connect), counter (projection, source, target, 2), word 0; p = 1 draws nothing. */
export function connectTopographic(block: RowBlock, radius: number, p: number, position: Float32Array): void {
  const { projection, source, target, skipSelf, seed, targets, rowEnd } = block;
  const capacity = projection.rowCapacity;
  const radiusSq = radius * radius;
  const words = new Uint32Array(4);
  for (let s = 0; s < source.size; s++) {
    const base = rowBase(block, s);
    const x = position[2 * (source.start + s)];
    const y = position[2 * (source.start + s) + 1];
    let used = 0;
    for (let t = 0; t < target.size; t++) {
      if (skipSelf && t === s) continue;
      const dx = position[2 * (target.start + t)] - x;
      const dy = position[2 * (target.start + t) + 1] - y;
      if (dx * dx + dy * dy > radiusSq) continue;
      if (p < 1 && toUniform(philox4x32(projection.index, s, t, 2, seed, Stream.connect, words)[0]) >= p) continue;
      if (used < capacity) targets[base + used] = target.start + t;
      used++;
    }
    if (used > capacity) throw rowOverflow(block, s, used);
    rowEnd[projection.rowStart + s] = used;
  }
}
