/**
 * Growth: new synapses between recently co-active neurons. One call makes up
 * to `attempts` synapses on a projection; each attempt a:
 * 1. picks a target uniformly among its alive targets whose trace is at
 *    least min_post_trace (none: nothing grows);
 * 2. draws SOURCE_CANDIDATES sources uniformly among the alive sources and
 *    tries them in order of falling trace (draw order among equals), so the
 *    most recently active one that can connect wins (a tournament: a
 *    silent source is chosen first only when every candidate is silent,
 *    with half the sources silent 1 / 2^4 of the time);
 * 3. connects the first candidate whose row has a free slot, that is not yet
 *    connected to the target in this projection, that is not the target
 *    itself where the projection has no autapses (or skips equal indices),
 *    provided the target's reverse-index column has room. A failed attempt
 *    is not retried.
 * Draws: key (seed, Stream.structure), counter (step, projection, a, tag + i):
 * call 0 gives the target (words 0, 1) and candidate 0 (2, 3), call 1
 * candidates 1 and 2, call 2 candidate 3; the new synapse's weight and delay
 * take call 3 (none when both are constant). `tag` is 0 on the projection's
 * period, 4 under negative drive, so both may run in one step.
 */
import { uniformIndex } from '../build/distributions';
import { drawSynapseValue } from '../build/synapse-values';
import { StructuralEventKind } from '../engine';
import { philox4x32, Stream } from '../rng';
import { SOURCE_CANDIDATES, type StructureContext } from './structure-context';
import { recordEvent } from './structure-events';
import type { GrowthRule } from './structure-params';
import { freeSlot, isConnected, placeSynapse, targetHasRoom } from './synapse-slots';

/** Sorts the candidates by falling trace; insertion sort keeps equal traces in draw order. */
function byFallingTrace(candidates: Uint32Array, trace: Float32Array, sourceStart: number): void {
  for (let i = 1; i < candidates.length; i++) {
    const c = candidates[i];
    const x = trace[sourceStart + c];
    let j = i - 1;
    while (j >= 0 && trace[sourceStart + candidates[j]] < x) {
      candidates[j + 1] = candidates[j];
      j--;
    }
    candidates[j + 1] = c;
  }
}

/** Returns the synapses grown. */
export function grow(ctx: StructureContext, rule: GrowthRule, attempts: number, step: number, tag: number): number {
  const { state, sink, list, candidates, words, seed } = ctx;
  const { site, minPostTrace } = rule;
  const { trace } = state;
  const { weight, delaySteps } = state.synapses;
  const { sourceStart, targetStart, projection } = site;
  const sources = ctx.aliveCount[site.sourcePopulation];
  const targets = ctx.aliveCount[site.targetPopulation];
  if (attempts === 0 || sources === 0) return 0;
  let eligible = 0;
  for (let j = 0; j < targets; j++) if (trace[targetStart + j] >= minPostTrace) list[eligible++] = j;
  if (eligible === 0) return 0;
  const t32 = step >>> 0;
  const stream = Stream.structure;
  let grown = 0;
  for (let a = 0; a < attempts; a++) {
    philox4x32(t32, projection, a, tag, seed, stream, words);
    const t = list[uniformIndex(words[0], words[1], eligible)];
    candidates[0] = uniformIndex(words[2], words[3], sources);
    philox4x32(t32, projection, a, tag + 1, seed, stream, words);
    candidates[1] = uniformIndex(words[0], words[1], sources);
    candidates[2] = uniformIndex(words[2], words[3], sources);
    philox4x32(t32, projection, a, tag + 2, seed, stream, words);
    candidates[3] = uniformIndex(words[0], words[1], sources);
    const post = targetStart + t;
    if (!targetHasRoom(state, site, post)) continue;
    byFallingTrace(candidates, trace, sourceStart);
    for (let k = 0; k < SOURCE_CANDIDATES; k++) {
      const row = candidates[k];
      if (site.skipSelf && row === t) continue;
      if (isConnected(state, site, row, post)) continue;
      const slot = freeSlot(state, site, row);
      if (slot < 0) continue;
      placeSynapse(state, site, row, slot, post);
      drawSynapseValue(rule.values, seed, stream, t32, projection, a, tag + 3, words, weight, delaySteps, slot);
      recordEvent(sink, StructuralEventKind.grown, sourceStart + row, post);
      grown++;
      break;
    }
  }
  return grown;
}
