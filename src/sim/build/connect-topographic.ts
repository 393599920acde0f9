/**
 * Topographic: a source connects to each alive target whose layout position
 * lies within `radius` (inclusive), each with probability p. It visits every
 * (source, target) pair, O(sources x targets): fine for the retina-sized
 * maps this rule is for, not for a million neurons.
 */
import { philox4x32, Stream, toUniform } from '../rng';
import { rowBase, rowOverflow, type RowBlock } from './row-block';

/**
 * Whether source s connects to target t (local indices; global `sourceAt`,
 * `targetAt` locate them in `position`): within the radius, then a draw
 * under key (seed, Stream.connect), counter (projection, s, t, 2), word 0;
 * p = 1 draws nothing. A pure function of the pair, so a neuron born later
 * is wired as the builder would have wired it.
 */
export function topographicPair(
  projection: number,
  s: number,
  t: number,
  sourceAt: number,
  targetAt: number,
  radiusSq: number,
  p: number,
  position: Float32Array,
  seed: number,
  words: Uint32Array,
): boolean {
  const dx = position[2 * targetAt] - position[2 * sourceAt];
  const dy = position[2 * targetAt + 1] - position[2 * sourceAt + 1];
  if (dx * dx + dy * dy > radiusSq) return false;
  return p >= 1 || toUniform(philox4x32(projection, s, t, 2, seed, Stream.connect, words)[0]) < p;
}

export function connectTopographic(block: RowBlock, radius: number, p: number, position: Float32Array): void {
  const { projection, source, target, skipSelf, seed, targets, rowEnd } = block;
  const capacity = projection.rowCapacity;
  const radiusSq = radius * radius;
  const words = new Uint32Array(4);
  for (let s = 0; s < source.size; s++) {
    const base = rowBase(block, s);
    let used = 0;
    for (let t = 0; t < target.size; t++) {
      if (skipSelf && t === s) continue;
      if (!topographicPair(projection.index, s, t, source.start + s, target.start + t, radiusSq, p, position, seed, words)) continue;
      if (used < capacity) targets[base + used] = target.start + t;
      used++;
    }
    if (used > capacity) throw rowOverflow(block, s, used);
    rowEnd[projection.rowStart + s] = used;
  }
}
