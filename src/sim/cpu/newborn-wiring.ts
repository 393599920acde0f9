/**
 * A newborn is wired by every projection of its population with that
 * projection's own rule, for that neuron, as the builder would have wired it
 * had it been alive at the start, among the neurons alive now:
 * - its outgoing row (it is the source):
 *   probability: the builder's row draw, counter (projection, row, call, 0)
 *   of Stream.connect; topographic: the builder's pair draws, counter
 *   (projection, source, target, 2); one_to_one: target i if alive;
 *   fixed_indegree: nothing, since every target already has its k sources
 *   (the row waits for growth). Weights and delays as the builder draws a
 *   row's, counter (projection, row, slot, 1) of Stream.synapse.
 * - its incoming synapses (it is the target), each in the first free slot of
 *   its source's row, only where that row has one:
 *   fixed_indegree: the builder's Floyd draw of k distinct sources for that
 *   target, counter (projection, target, draw, 1) of Stream.connect (fewer
 *   when fewer sources are alive); probability: each alive source with
 *   probability p, by the same geometric skipping over sources, counter
 *   (projection, target, call, 8) of Stream.structure; topographic: the
 *   builder's pair draws; one_to_one: source i if alive. Weights and delays
 *   from counter (projection, source, target, 9) of Stream.structure (a slot
 *   of an old row may have held a synapse before: a pair's draw is its own).
 * Every synapse needs room in its target's reverse-index column. On a
 * recurrent projection the pair (i, i) is made once, by the outgoing pass
 * (by the incoming one under fixed_indegree). Each synapse is counted grown.
 */
import { geometricSample } from '../build/connect-probability';
import { floydSources } from '../build/connect-fixed-indegree';
import { topographicPair } from '../build/connect-topographic';
import { drawSynapseValue } from '../build/synapse-values';
import { StructuralEventKind } from '../engine';
import { Stream } from '../rng';
import type { StructureContext } from './structure-context';
import { recordEvent } from './structure-events';
import type { WiringRule } from './structure-params';
import { freeSlot, placeSynapse, rowFirst, targetHasRoom } from './synapse-slots';

/** Chosen targets of newborn source i into ctx.list (local indices); returns how many. */
function outgoingTargets(ctx: StructureContext, rule: WiringRule, i: number): number {
  const { site, connectivity: c } = rule;
  const targets = ctx.aliveCount[site.targetPopulation];
  const { list, seed, words } = ctx;
  switch (c.kind) {
    case 'probability': {
      const counter = ctx.counter;
      counter.stream = Stream.connect;
      counter.c0 = site.projection;
      counter.c1 = i;
      counter.tag = 0;
      return geometricSample(c.p, targets, site.skipSelf ? i : -1, counter, list, 0, 0, list.length, words);
    }
    case 'fixed_indegree':
      return 0;
    case 'one_to_one':
      if (site.skipSelf || i >= targets) return 0;
      list[0] = i;
      return 1;
    case 'topographic': {
      const radiusSq = c.radius * c.radius;
      let count = 0;
      for (let t = 0; t < targets; t++) {
        if (site.skipSelf && t === i) continue;
        if (topographicPair(site.projection, i, t, site.sourceStart + i, site.targetStart + t, radiusSq, c.p, ctx.position, seed, words)) list[count++] = t;
      }
      return count;
    }
  }
}

/** Chosen sources of newborn target i into ctx.list (local indices); returns how many. */
function incomingSources(ctx: StructureContext, rule: WiringRule, i: number): number {
  const { site, connectivity: c } = rule;
  const sources = ctx.aliveCount[site.sourcePopulation];
  const { list, seed, words } = ctx;
  switch (c.kind) {
    case 'probability': {
      const counter = ctx.counter;
      counter.stream = Stream.structure;
      counter.c0 = site.projection;
      counter.c1 = i;
      counter.tag = 8;
      return geometricSample(c.p, sources, site.skipSelf ? i : -1, counter, list, 0, 0, list.length, words);
    }
    case 'fixed_indegree': {
      // The pair (i, i) is only excluded where source i exists.
      const skip = site.skipSelf && i < sources;
      const candidates = sources - (skip ? 1 : 0);
      const k = Math.min(c.k, candidates);
      ctx.chosenBy.fill(-1, 0, candidates);
      floydSources(site.projection, i, k, candidates, skip, seed, ctx.chosenBy, list, 0, words);
      return k;
    }
    case 'one_to_one':
      if (site.skipSelf || i >= sources) return 0;
      list[0] = i;
      return 1;
    case 'topographic': {
      const radiusSq = c.radius * c.radius;
      let count = 0;
      for (let s = 0; s < sources; s++) {
        if (site.skipSelf && s === i) continue;
        if (topographicPair(site.projection, s, i, site.sourceStart + s, site.targetStart + i, radiusSq, c.p, ctx.position, seed, words)) list[count++] = s;
      }
      return count;
    }
  }
}

function wireOutgoing(ctx: StructureContext, rule: WiringRule, i: number): void {
  const { state, sink, seed, words } = ctx;
  const { site } = rule;
  const { weight, delaySteps } = state.synapses;
  const count = outgoingTargets(ctx, rule, i);
  for (let k = 0; k < count; k++) {
    const post = site.targetStart + ctx.list[k];
    if (!targetHasRoom(state, site, post)) continue;
    const slot = freeSlot(state, site, i);
    if (slot < 0) return;
    placeSynapse(state, site, i, slot, post);
    drawSynapseValue(rule.values, seed, Stream.synapse, site.projection, i, slot - rowFirst(site, i), 1, words, weight, delaySteps, slot);
    recordEvent(sink, StructuralEventKind.grown, site.sourceStart + i, post);
  }
}

function wireIncoming(ctx: StructureContext, rule: WiringRule, i: number): void {
  const { state, sink, seed, words } = ctx;
  const { site } = rule;
  const { weight, delaySteps } = state.synapses;
  const post = site.targetStart + i;
  const ownPairDone = site.sourcePopulation === site.targetPopulation && rule.connectivity.kind !== 'fixed_indegree';
  const count = incomingSources(ctx, rule, i);
  for (let k = 0; k < count; k++) {
    const s = ctx.list[k];
    if (ownPairDone && s === i) continue;
    if (!targetHasRoom(state, site, post)) return;
    const slot = freeSlot(state, site, s);
    if (slot < 0) continue;
    placeSynapse(state, site, s, slot, post);
    drawSynapseValue(rule.values, seed, Stream.structure, site.projection, s, i, 9, words, weight, delaySteps, slot);
    recordEvent(sink, StructuralEventKind.grown, site.sourceStart + s, post);
  }
}

/** Wires newborn `n` (global) of `population` by each of its projections in projection order, outgoing before incoming. */
export function wireNewborn(ctx: StructureContext, population: number, n: number): void {
  const rules = ctx.constants.wiringOf[population];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (rule.site.sourcePopulation === population) wireOutgoing(ctx, rule, n - rule.site.sourceStart);
    if (rule.site.targetPopulation === population) wireIncoming(ctx, rule, n - rule.site.targetStart);
  }
}
