/**
 * One-shot imprint: a neuron as a key-value memory. In one presentation the
 * pattern on a projection's sources becomes the key held in the neuron's
 * incoming weights, and a chosen response becomes the value held in its
 * outgoing row.
 *
 * Key: each incoming synapse from source s gets w_s = gain x k_s / sum k^2
 * (sum over the neuron's synapses in the projection), k_s being the source's
 * trace now (the pattern being presented) or a given key. The weights point
 * along the key, so the key's own trace-weighted input sum w_s k_s is
 * exactly `gain`, and another pattern y gives gain x (k . y) / (k . k):
 * less, the less it overlaps the key (0 for a disjoint one).
 *
 * Default gain, for a LIF target fed through an excitatory channel: a source
 * firing at rate r keeps a trace of mean r tau_trace ('add' traces), and
 * feeds a mean ge (or gE) of w r tau_e, which shifts v_inf by ge mV (or, for
 * a conductance, reaches threshold at gE = delta / (e_exc - v_thresh)). With
 * the weights above the key's mean drive is gain tau_e / tau_trace, so
 * gain = IMPRINT_MARGIN x delta x tau_trace / tau_e drives the mean membrane
 * potential IMPRINT_MARGIN times the distance delta to threshold
 * (v_thresh + theta - v_rest - i_bias), and a pattern overlapping the key by
 * less than 1 / IMPRINT_MARGIN of it stays below threshold on average.
 * 'set' traces saturate below r tau_trace, so there the margin is larger.
 * Other targets (Izhikevich) and inhibitory sources need an explicit gain.
 * Weights are clipped to [0, infinity), or to a plastic projection's bounds.
 */
import { Channel, EMPTY_SLOT, type Connectome } from '../connectome';
import type { ImprintOptions } from '../engine';
import { clampWeight } from './plastic-projections';
import type { CpuState } from './state';
import type { ProjectionSite } from './structure-params';
import { columnFirst } from './reverse-index';
import { rowFirst } from './synapse-slots';

/** How many times the distance to threshold the key's mean drive covers by default. */
export const IMPRINT_MARGIN = 2;


/** A projection's weight bounds: its plasticity's, else [0, infinity). */
function boundsOf(connectome: Connectome, projection: number): { wMin: number; wMax: number } {
  const rule = connectome.genome.projections[projection].plasticity;
  return rule ? { wMin: Math.fround(rule.w_min), wMax: Math.fround(rule.w_max) } : { wMin: 0, wMax: Infinity };
}

/** The default gain for `neuron`, or a TypeError naming why there is none. */
function defaultGain(connectome: Connectome, state: CpuState, projection: number, neuron: number): number {
  const layout = connectome.projections[projection];
  const { genome } = connectome;
  const target = genome.populations[layout.target];
  const at = `imprint: projection ${projection} ("${layout.name}")`;
  const conductance = layout.channel === Channel.excConductance;
  if (target.neuron.model !== 'lif') throw new TypeError(`${at}: the default gain needs LIF targets, "${target.name}" has ${target.neuron.model} neurons; pass options.gain`);
  if (!conductance && layout.channel !== Channel.excCurrent) throw new TypeError(`${at}: the default gain needs an excitatory source; pass options.gain`);
  const lif = target.neuron;
  const delta = Math.max(0, lif.v_thresh_mV + state.theta[neuron] - lif.v_rest_mV - lif.i_bias_mV);
  const drive = conductance ? delta / (lif.e_exc_mV - lif.v_thresh_mV) : delta;
  return (IMPRINT_MARGIN * drive * genome.populations[layout.source].trace.tau_ms) / lif.tau_e_ms;
}

/**
 * The slots of `neuron`'s incoming synapses in the projection: its reverse
 * column where the projection is plastic, else a walk over every row.
 */
function incomingSlots(state: CpuState, site: ProjectionSite, sourceRows: number, neuron: number): number[] {
  const slots: number[] = [];
  const c = site.columns;
  if (c !== undefined) {
    const first = columnFirst(c, neuron - site.targetStart);
    for (let k = first, end = first + state.reverseCount[c.countStart + neuron - site.targetStart]; k < end; k++) slots.push(state.reverseSlot[k]);
    return slots;
  }
  const { target, rowEnd } = state.synapses;
  for (let row = 0; row < sourceRows; row++) {
    const first = rowFirst(site, row);
    for (let s = first, end = first + rowEnd[site.rowStart + row]; s < end; s++) if (target[s] === neuron) slots.push(s);
  }
  return slots;
}

/** Checks that `neuron` is an alive neuron of population `population`; `at` names the call. */
function checkNeuron(connectome: Connectome, state: CpuState, population: number, neuron: number, at: string): void {
  const p = connectome.populations[population];
  if (!Number.isInteger(neuron) || neuron < p.start || neuron >= p.start + p.capacity)
    throw new RangeError(`${at}: neuron ${neuron} is not in population ${population} ("${p.name}", neurons ${p.start} to ${p.start + p.capacity - 1})`);
  if (state.alive[neuron] === 0) throw new RangeError(`${at}: neuron ${neuron} of "${p.name}" is not born yet`);
}

/** Values of one per neuron of a population: finite and >= 0, `length` of them. */
function checkPattern(pattern: Float32Array, length: number, what: string, at: string): void {
  if (pattern.length !== length) throw new RangeError(`${at}: ${pattern.length} ${what} values given, expected ${length}`);
  const bad = pattern.findIndex((x) => !(x >= 0 && x < Infinity));
  if (bad >= 0) throw new RangeError(`${at}: ${what}[${bad}] = ${pattern[bad]} must be finite and >= 0`);
}

/**
 * Writes the key into `neuron`'s incoming weights of the projection (see
 * above). `traceKept` says whether the source population keeps traces.
 * Returns the number of synapses that now hold the key.
 */
export function imprintKey(connectome: Connectome, state: CpuState, site: ProjectionSite, neuron: number, traceKept: boolean, options: ImprintOptions = {}): number {
  const layout = connectome.projections[site.projection];
  const at = `imprint: projection ${site.projection} ("${layout.name}")`;
  checkNeuron(connectome, state, layout.target, neuron, at);
  const source = connectome.populations[layout.source];
  let key: Float32Array;
  if (options.key) {
    checkPattern(options.key, source.capacity, 'key', at);
    key = options.key;
  } else if (traceKept) {
    key = state.trace.subarray(source.start, source.start + source.capacity);
  } else {
    throw new TypeError(`${at}: "${source.name}" keeps no spike traces (kept for the populations of plastic and structural projections); pass options.key`);
  }
  const gain = options.gain ?? defaultGain(connectome, state, site.projection, neuron);
  if (!(gain >= 0 && gain < Infinity)) throw new RangeError(`${at}: gain ${gain} must be finite and >= 0`);
  const slots = incomingSlots(state, site, source.capacity, neuron);
  const rowOf = (slot: number) => ((slot - site.slotStart) / site.rowCapacity) | 0;
  let norm = 0;
  for (const s of slots) norm += key[rowOf(s)] ** 2;
  if (norm === 0) throw new RangeError(`${at}: the key is empty: none of the ${slots.length} sources of neuron ${neuron} is active (present the pattern first)`);
  const { wMin, wMax } = boundsOf(connectome, site.projection);
  const { weight } = state.synapses;
  for (const s of slots) weight[s] = clampWeight((gain * key[rowOf(s)]) / norm, wMin, wMax);
  return slots.length;
}

/**
 * Writes the value into `neuron`'s outgoing row of the projection: the
 * synapse onto target j gets weight values[j] (clipped as the key's), one
 * value per neuron of the target population's capacity. Targets the row
 * does not reach stay unreached. Returns the number of synapses set.
 */
export function imprintValue(connectome: Connectome, state: CpuState, site: ProjectionSite, neuron: number, values: Float32Array): number {
  const layout = connectome.projections[site.projection];
  const at = `imprintValue: projection ${site.projection} ("${layout.name}")`;
  checkNeuron(connectome, state, layout.source, neuron, at);
  checkPattern(values, connectome.populations[layout.target].capacity, 'values', at);
  const { wMin, wMax } = boundsOf(connectome, site.projection);
  const { target, weight, rowEnd } = state.synapses;
  const row = neuron - site.sourceStart;
  const first = rowFirst(site, row);
  let set = 0;
  for (let s = first, end = first + rowEnd[site.rowStart + row]; s < end; s++) {
    if (target[s] === EMPTY_SLOT) continue;
    weight[s] = clampWeight(values[target[s] - site.targetStart], wMin, wMax);
    set++;
  }
  return set;
}
