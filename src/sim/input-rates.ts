/**
 * The checks of Engine.setInputRates, shared by both engines so a bad rate
 * gets the same message whichever runs.
 */
import { LIMITS } from '@/model';
import type { Connectome, PopulationLayout } from './connectome';

/** The spike-source population `population`, after checking `rates` for it: one finite rate in [0, maxRateHz] per neuron of its capacity, or one for all. */
export function checkInputRates(connectome: Connectome, population: number, rates: Float32Array | number): PopulationLayout {
  const layout = connectome.populations[population];
  if (!layout) throw new RangeError(`setInputRates: no population ${population} (the network has ${connectome.populations.length})`);
  if (layout.kind !== 'spike_source') throw new TypeError(`setInputRates: population ${population} ("${layout.name}") is ${layout.kind}, not a spike_source`);
  const at = `setInputRates: population ${population} ("${layout.name}")`;
  const valid = (r: number) => r >= 0 && r <= LIMITS.maxRateHz;
  if (typeof rates === 'number') {
    if (!valid(rates)) throw new RangeError(`${at}: rate ${rates} Hz is outside [0, ${LIMITS.maxRateHz}] Hz`);
    return layout;
  }
  if (rates.length !== layout.capacity) throw new RangeError(`${at}: ${rates.length} rates given, expected one per neuron of its capacity, ${layout.capacity}`);
  const bad = rates.findIndex((r) => !valid(r));
  if (bad >= 0) throw new RangeError(`${at}: rates[${bad}] = ${rates[bad]} Hz is outside [0, ${LIMITS.maxRateHz}] Hz`);
  return layout;
}
