/**
 * Weight and delay of every synapse in use, drawn after its row is packed so
 * that a slot's draw depends only on (projection, source, slot).
 */
import { delayToSteps, type Distribution } from '@/model';
import { philox4x32, Stream } from '../rng';
import { drawFromWords, isConstant } from './distributions';
import { rowBase, type RowBlock } from './row-block';

/** A synapse's two distributions and the step they round delays to. */
export interface SynapseDistributions {
  weight: Distribution;
  delayMs: Distribution;
  dtMs: number;
}

/**
 * One synapse's weight and delay into weights[at] and delaySteps[at]: key
 * (seed, stream), counter (c0, c1, c2, tag); the weight takes words 0 (and
 * 1), the delay words 2 (and 3); no Philox call when both are constant.
 * Weights are magnitudes: clipped at 0 (the schema already refuses negative
 * ones). Returns the delay in steps.
 */
export function drawSynapseValue(
  d: SynapseDistributions,
  seed: number,
  stream: Stream,
  c0: number,
  c1: number,
  c2: number,
  tag: number,
  words: Uint32Array,
  weights: Float32Array,
  delaySteps: Uint16Array,
  at: number,
): number {
  if (!isConstant(d.weight) || !isConstant(d.delayMs)) philox4x32(c0, c1, c2, tag, seed, stream, words);
  weights[at] = Math.max(0, drawFromWords(d.weight, words[0], words[1]));
  const steps = delayToSteps(drawFromWords(d.delayMs, words[2], words[3]), d.dtMs);
  delaySteps[at] = steps;
  return steps;
}

/**
 * Key (seed, Stream.synapse), counter (projection, source, slot, 1). When
 * both distributions are constant one value serves every slot. Returns the
 * longest delay, in steps.
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
  const d: SynapseDistributions = { weight, delayMs, dtMs };
  const words = new Uint32Array(4);
  for (let s = 0; s < source.size; s++) {
    const base = rowBase(block, s);
    const used = rowEnd[projection.rowStart + s];
    for (let slot = 0; slot < used; slot++) {
      const steps = drawSynapseValue(d, seed, Stream.synapse, projection.index, s, slot, 1, words, weights, delaySteps, base + slot);
      if (steps > maxSteps) maxSteps = steps;
    }
  }
  return maxSteps;
}
