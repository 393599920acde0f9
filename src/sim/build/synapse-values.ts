/**
 * Weight and delay of every synapse in use, drawn after its row is packed so
 * that a slot's draw depends only on (projection, source, slot).
 */
import { delayToSteps, type Distribution } from '@/model';
import { philox4x32, Stream } from '../rng';
import { drawFromWords, isConstant } from './distributions';
import { rowBase, type RowBlock } from './row-block';

/**
 * Key (seed, Stream.synapse), counter (projection, source, slot, 1): the
 * weight takes words 0 (and 1), the delay words 2 (and 3). When both are
 * constant no Philox call is made. Returns the longest delay, in steps.
 */
export function drawSynapseValues(
  block: RowBlock,
  weight: Distribution,
  delayMs: Distribution,
  dtMs: number,
  weights: Float32Array,
  delaySteps: Uint16Array,
): number {
  const { projection, source, seed, rowEnd } = block;
  let maxSteps = 0;
  if (isConstant(weight) && isConstant(delayMs)) {
    // Weights are magnitudes: clipped at 0 (the schema already refuses negative ones).
    const w = Math.max(0, drawFromWords(weight, 0, 0));
    const steps = delayToSteps(drawFromWords(delayMs, 0, 0), dtMs);
    for (let s = 0; s < source.size; s++) {
      const base = rowBase(block, s);
      const used = rowEnd[projection.rowStart + s];
      for (let slot = base, end = base + used; slot < end; slot++) {
        weights[slot] = w;
        delaySteps[slot] = steps;
      }
      if (used > 0) maxSteps = steps;
    }
    return maxSteps;
  }
  const words = new Uint32Array(4);
  for (let s = 0; s < source.size; s++) {
    const base = rowBase(block, s);
    const used = rowEnd[projection.rowStart + s];
    for (let slot = 0; slot < used; slot++) {
      philox4x32(projection.index, s, slot, 1, seed, Stream.synapse, words);
      weights[base + slot] = Math.max(0, drawFromWords(weight, words[0], words[1]));
      const steps = delayToSteps(drawFromWords(delayMs, words[2], words[3]), dtMs);
      delaySteps[base + slot] = steps;
      if (steps > maxSteps) maxSteps = steps;
    }
  }
  return maxSteps;
}
