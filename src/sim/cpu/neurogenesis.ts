/**
 * Neurogenesis: a neuron of a population's unborn pool joins the network.
 * A birth takes the lowest unborn index (so a population's alive neurons are
 * always its first ones), sets the neuron's state to what it would have
 * started with (v from the connectome, Izhikevich u = b v, synaptic
 * variables, refractoriness, trace and threshold 0, a regular source's
 * initial phase; a source keeps the rate it was given), marks it alive and
 * wires it (newborn-wiring.ts). At capacity nothing happens.
 *
 * Births by rate follow a fixed schedule rather than a draw: by the end of
 * step t, floor((t + 1) rate dt) neurons have been born by rate, so over any
 * span the count is exact to within one, as for regular sources.
 */
import { StructuralEventKind } from '../engine';
import { wireNewborn } from './newborn-wiring';
import { initialPhase } from './state';
import type { StructureContext } from './structure-context';
import { recordEvent } from './structure-events';

/** Gives birth in `population`; returns the newborn's global index, or -1 when the population is at capacity. */
export function giveBirth(ctx: StructureContext, population: number): number {
  const { state } = ctx;
  const c = ctx.populations[population];
  const n = c.start + ctx.aliveCount[population];
  if (n >= c.end) return -1;
  const v = ctx.initialV[n];
  state.v[n] = v;
  state.u[n] = c.kind === 'izhikevich' ? c.b * state.v[n] : 0;
  state.ge[n] = 0;
  state.gi[n] = 0;
  state.gE[n] = 0;
  state.gI[n] = 0;
  state.refractory[n] = 0;
  state.phase[n] = c.kind === 'spike_source' && c.process === 'regular' ? initialPhase(population, n - c.start, ctx.seed, ctx.words) : 0;
  state.trace[n] = 0;
  state.theta[n] = 0;
  state.alive[n] = 1;
  ctx.aliveCount[population]++;
  recordEvent(ctx.sink, StructuralEventKind.born, n, n);
  wireNewborn(ctx, population, n);
  return n;
}

/** The births due by rate in step `step`. */
export function birthsByRate(ctx: StructureContext, step: number): void {
  const { birthRates } = ctx.constants;
  for (let p = 0; p < birthRates.length; p++) {
    const { population, birthsPerStep } = birthRates[p];
    const due = Math.floor((step + 1) * birthsPerStep) - Math.floor(step * birthsPerStep);
    for (let k = 0; k < due; k++) giveBirth(ctx, population);
  }
}
