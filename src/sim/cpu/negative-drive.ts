/**
 * Negative drive: punishment that an area keeps failing under makes it seek
 * a new path. Each step, in every population with `negative_drive`,
 * D <- D exp(-dt / tau) + A x spikes / alive, A being the aversion level
 * and spikes / alive the fraction of its alive neurons that fired this step
 * (stage `structure` runs after stage `modulation`, so A has decayed to the
 * step). When D reaches the threshold, each incoming projection grows
 * `grow` synapses by the growth rule (grow.ts, tag 4, whatever its own
 * grow_per_period), a neuron is born where on_negative_drive asks for it,
 * and D starts again from 0. Without aversion D only decays.
 */
import { grow } from './grow';
import { giveBirth } from './neurogenesis';
import type { SpikeList } from './state';
import type { StructureContext } from './structure-context';

/** Growth under negative drive draws with tags 4-7 (grow.ts), apart from a projection's periodic growth. */
const DRIVE_TAG = 4;

export function negativeDrive(ctx: StructureContext, populationOf: Uint16Array, step: number, spikes: SpikeList): void {
  const { drives, aversion } = ctx.constants;
  if (drives.length === 0) return;
  const { negativeDrive: drive, modulators } = ctx.state;
  const { spikesOf, aliveCount } = ctx;
  spikesOf.fill(0);
  const ids = spikes.neuron;
  for (let k = 0; k < spikes.count; k++) spikesOf[populationOf[ids[k]]]++;
  const level = modulators[aversion];
  for (let d = 0; d < drives.length; d++) {
    const c = drives[d];
    const p = c.population;
    const alive = aliveCount[p];
    const next = Math.fround(drive[p] * c.alpha + (alive > 0 ? (level * spikesOf[p]) / alive : 0));
    if (next < c.threshold) {
      drive[p] = next;
      continue;
    }
    for (let r = 0; r < c.incoming.length; r++) grow(ctx, c.incoming[r], c.grow, step, DRIVE_TAG);
    if (c.birth) giveBirth(ctx, p);
    drive[p] = 0;
  }
}
