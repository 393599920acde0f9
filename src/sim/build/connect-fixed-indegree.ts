/**
 * Fixed in-degree k: each alive target draws k distinct alive sources,
 * without replacement, by Floyd's algorithm (Bentley & Floyd 1987, "A sample
 * of brilliance", CACM 30:754): k draws and no rejection. A counting pass
 * then turns the per-target lists into source rows, filled in ascending
 * target order so every row comes out sorted.
 */
import { GenomeError } from '@/model';
import { philox4x32, Stream } from '../rng';
import { uniformIndex } from './distributions';
import { rowBase, rowOverflow, type RowBlock } from './row-block';

/**
 * Target t's k distinct sources among `candidates`, written (local indices)
 * to out[outStart .. outStart + k - 1] in draw order. Key (seed,
 * Stream.connect), counter (projection, t, draw, 1); words 0 and 1 give the
 * index. Without autapses (`skipSelf`) a target chooses among the other
 * sources: candidate c maps to source c, or c + 1 past the target itself.
 * `chosenBy` holds at least `candidates` entries, none equal to t on entry;
 * the draw marks the chosen ones with t. The builder calls it for each
 * target at the start, the engine for a target born later.
 */
export function floydSources(
  projection: number,
  t: number,
  k: number,
  candidates: number,
  skipSelf: boolean,
  seed: number,
  chosenBy: Int32Array,
  out: Uint32Array,
  outStart: number,
  words: Uint32Array,
): void {
  for (let draw = 0, j = candidates - k; j < candidates; draw++, j++) {
    philox4x32(projection, t, draw, 1, seed, Stream.connect, words);
    const r = uniformIndex(words[0], words[1], j + 1);
    const c = chosenBy[r] === t ? j : r;
    chosenBy[c] = t;
    out[outStart + draw] = skipSelf && c >= t ? c + 1 : c;
  }
}

export function connectFixedIndegree(block: RowBlock, k: number): void {
  const { projection, source, target, skipSelf, seed, targets, rowEnd } = block;
  const candidates = source.size - (skipSelf ? 1 : 0);
  if (k > candidates && target.size > 0)
    throw new GenomeError([{ path: `projections[${projection.index}].connectivity.k`, message: `${k} exceeds the ${Math.max(0, candidates)} alive sources` }]);

  // Pigeonhole: more synapses than the rows can hold means some row overflows; saying so here also bounds the lists below by the block's slots.
  const synapseCount = target.size * k;
  if (synapseCount > source.size * projection.rowCapacity)
    throw new GenomeError([
      {
        path: `projections[${projection.index}].row_capacity`,
        message: `${target.size} targets x k = ${k} make ${synapseCount} synapses but ${source.size} source rows of ${projection.rowCapacity} slots hold ${source.size * projection.rowCapacity}; raise row_capacity`,
      },
    ]);

  const chosenBy = new Int32Array(Math.max(0, candidates)).fill(-1);
  const sourcesOf = new Uint32Array(synapseCount);
  const outDegree = new Uint32Array(source.size);
  const words = new Uint32Array(4);
  for (let t = 0; t < target.size; t++) {
    floydSources(projection.index, t, k, candidates, skipSelf, seed, chosenBy, sourcesOf, t * k, words);
    for (let i = t * k, end = i + k; i < end; i++) outDegree[sourcesOf[i]]++;
  }

  for (let s = 0; s < source.size; s++) if (outDegree[s] > projection.rowCapacity) throw rowOverflow(block, s, outDegree[s]);
  const { rowStart } = projection;
  for (let t = 0; t < target.size; t++) {
    const targetGlobal = target.start + t;
    for (let i = t * k, end = i + k; i < end; i++) {
      const s = sourcesOf[i];
      targets[rowBase(block, s) + rowEnd[rowStart + s]++] = targetGlobal;
    }
  }
}
