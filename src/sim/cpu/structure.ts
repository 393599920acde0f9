/**
 * Stage `structure`: the connectome changes shape. After step t:
 * 1. every projection with `structural` whose period ends at t
 *    ((t + 1) % everySteps = 0) is pulled toward zero and pruned
 *    (prune.ts), then grows up to grow_per_period synapses (grow.ts);
 * 2. every population with a negative drive updates it, and where it
 *    crosses its threshold grows its incoming projections and may give
 *    birth (negative-drive.ts);
 * 3. births due by rate (neurogenesis.ts).
 * Every change is counted and offered to the frame's sample
 * (structure-events.ts). A network without any of these returns at once.
 */
import { grow } from './grow';
import { birthsByRate } from './neurogenesis';
import { negativeDrive } from './negative-drive';
import { pullAndPrune } from './prune';
import type { SpikeList } from './state';
import type { StructureContext } from './structure-context';

/** Periodic growth draws with tags 0-3 (grow.ts). */
const PERIOD_TAG = 0;

export function structure(ctx: StructureContext, populationOf: Uint16Array, step: number, spikes: SpikeList): void {
  const { structural, active } = ctx.constants;
  if (!active) return;
  for (let p = 0; p < structural.length; p++) {
    const c = structural[p];
    if ((step + 1) % c.everySteps !== 0) continue;
    pullAndPrune(ctx, c);
    grow(ctx, c.growth, c.growPerPeriod, step, PERIOD_TAG);
  }
  negativeDrive(ctx, populationOf, step, spikes);
  birthsByRate(ctx, step);
}
