/**
 * The pull toward zero and pruning of a structural projection, once per
 * period: every synapse loses decay_per_s x period_s of weight, not below 0
 * (the per-step pull decay_per_s x dt applied at once: equal as long as the
 * weight stays above 0), and a synapse left below prune_below is removed,
 * its slot freed for growth (synapse-slots.ts).
 */
import { EMPTY_SLOT } from '../connectome';
import { StructuralEventKind } from '../engine';
import { recordEvent } from './structure-events';
import type { StructureContext } from './structure-context';
import type { StructuralProjection } from './structure-params';
import { emptySlot } from './synapse-slots';

/** Returns the synapses pruned. */
export function pullAndPrune(ctx: StructureContext, c: StructuralProjection): number {
  const { state, sink } = ctx;
  const { target, weight, rowEnd } = state.synapses;
  const { site } = c.growth;
  const { pullPerPeriod, pruneBelow } = c;
  const { slotStart, rowStart, rowCapacity, sourceStart } = site;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const empty = EMPTY_SLOT;
  const f32 = Math.fround;
  // Without pull or threshold nothing changes: skipping the walk is exact.
  if (pullPerPeriod === 0 && pruneBelow === 0) return 0;
  // Rows of unborn sources are empty.
  const rows = ctx.aliveCount[site.sourcePopulation];
  let pruned = 0;
  for (let row = 0; row < rows; row++) {
    const first = slotStart + row * rowCapacity;
    // emptySlot may lower rowEnd: the walk reads it afresh.
    for (let s = first; s < first + rowEnd[rowStart + row]; s++) {
      const post = target[s];
      if (post === empty) continue;
      // Rounded to f32 before the comparison: the value the state would hold is the value that is judged.
      const pulled = f32(weight[s] - pullPerPeriod);
      const w = pulled < 0 ? 0 : pulled;
      if (w < pruneBelow) {
        emptySlot(state, site, row, s);
        recordEvent(sink, StructuralEventKind.pruned, sourceStart + row, post);
        pruned++;
      } else {
        weight[s] = w;
      }
    }
  }
  return pruned;
}
