/**
 * What `--with-state` carries to Brian2 and PyNN: a run's learned weights and
 * grown connectome, read out of an engine snapshot as the simulators build
 * networks. Per population the neurons alive at the snapshot (newborns
 * included, renumbered 0 .. alive - 1 in global order) with their membrane
 * potential, synaptic input and spike trace and, where the model has them,
 * recovery, adaptive threshold and source rate; per projection one
 * (i, j, weight, delay) entry per synapse in use, i and j in that numbering.
 */
import type { Genome } from '@/model';
import { EMPTY_SLOT, type EngineSnapshot } from '@/sim';
import { populationLayouts } from '@/sim/build/neurons';
import { projectionLayouts } from '@/sim/build/projections';

export interface LearnedPopulation {
  /** Neurons alive at the snapshot. */
  size: number;
  /** Membrane potential of each, mV. */
  v: Float32Array;
  /** Izhikevich recovery, mV (zeros for other models). */
  u: Float32Array;
  /** Adaptive threshold, mV (zeros without one). */
  theta: Float32Array;
  /** A spike source's rate, Hz: what its sensor's stimulus set (zeros for neurons). */
  rateHz: Float32Array;
  /** Current-based input, mV (inhibitory subtracted), and conductances relative to the leak. */
  ge: Float32Array;
  gi: Float32Array;
  gE: Float32Array;
  gI: Float32Array;
  /** Spike trace read by STDP (zeros where no rule reads it). */
  trace: Float32Array;
}

export interface LearnedProjection {
  /** Source and target of each synapse, in the alive numbering of their populations (signed: Brian2 takes no unsigned indices). */
  i: Int32Array;
  j: Int32Array;
  /** Efficacy, Neuroplay's units (mV or relative conductance, >= 0). */
  weight: Float32Array;
  delaySteps: Uint16Array;
}

export interface LearnedState {
  /** Simulation step of the snapshot. */
  step: number;
  populations: LearnedPopulation[];
  projections: LearnedProjection[];
}

/**
 * Each population variable under its name in the snapshot and the data file,
 * with its field in LearnedPopulation; the data file lists them in this order.
 */
const POPULATION_FIELDS = {
  v: 'v',
  u: 'u',
  theta: 'theta',
  rate_hz: 'rateHz',
  ge: 'ge',
  gi: 'gi',
  gE: 'gE',
  gI: 'gI',
  trace: 'trace',
} as const satisfies Record<string, keyof Omit<LearnedPopulation, 'size'>>;

/** The data file's name for a population's array. */
export type PopulationVariable = keyof typeof POPULATION_FIELDS;

const POPULATION_VARIABLES = Object.keys(POPULATION_FIELDS) as PopulationVariable[];

type Arrays = EngineSnapshot['arrays'];

function array<T extends Arrays[string]>(arrays: Arrays, name: string, type: new (n: number) => T): T {
  const found = arrays[name];
  if (!(found instanceof type)) throw new Error(`the snapshot has no ${type.name} "${name}"`);
  return found as T;
}

/**
 * The snapshot's populations and synapses in simulator terms. Throws when the
 * snapshot is not of this genome's network (its arrays' lengths differ).
 */
export function learnedState(genome: Genome, snapshot: EngineSnapshot): LearnedState {
  const a = snapshot.arrays;
  const alive = array(a, 'alive', Uint8Array);
  const variables = POPULATION_VARIABLES.map((name) => ({ field: POPULATION_FIELDS[name], values: array(a, name, Float32Array) }));
  const target = array(a, 'target', Uint32Array);
  const weight = array(a, 'weight', Float32Array);
  const delaySteps = array(a, 'delaySteps', Uint16Array);
  const rowEnd = array(a, 'rowEnd', Uint32Array);
  const layouts = populationLayouts(genome);
  const neuronCount = layouts.reduce((n, p) => n + p.capacity, 0);
  const { projections: blocks, slotCount, rowCount } = projectionLayouts(genome, layouts);
  if (alive.length !== neuronCount || target.length !== slotCount || rowEnd.length !== rowCount)
    throw new Error(`the snapshot is not of this network: ${alive.length} neurons and ${target.length} synapse slots, the genome has ${neuronCount} and ${slotCount}`);

  // Each neuron's index among the alive ones of its population; -1 when unborn.
  const renumbered = new Int32Array(neuronCount).fill(-1);
  const populations = layouts.map((p): LearnedPopulation => {
    const kept: number[] = [];
    for (let n = p.start; n < p.start + p.capacity; n++) if (alive[n]) renumbered[n] = kept.push(n) - 1;
    const picked = variables.map(({ field, values }) => [field, Float32Array.from(kept, (n) => values[n])]);
    return { size: kept.length, ...(Object.fromEntries(picked) as Record<(typeof POPULATION_FIELDS)[PopulationVariable], Float32Array>) };
  });

  const projections = blocks.map((block): LearnedProjection => {
    const source = layouts[block.source];
    const entries: number[] = [];
    for (let r = 0; r < source.capacity; r++) {
      const i = renumbered[source.start + r];
      const first = block.slotStart + r * block.rowCapacity;
      // rowEnd counts the row's slots in use from its start.
      for (let slot = first; slot < first + rowEnd[block.rowStart + r]; slot++) {
        const post = target[slot];
        if (post === EMPTY_SLOT) continue;
        const j = renumbered[post];
        // Engines never keep a synapse on an unborn neuron; such a slot would be corrupt state.
        if (i < 0 || j < 0) throw new Error(`projection ${block.name}: a synapse in slot ${slot} touches an unborn neuron`);
        entries.push(slot, i, j);
      }
    }
    const count = entries.length / 3;
    const out: LearnedProjection = { i: new Int32Array(count), j: new Int32Array(count), weight: new Float32Array(count), delaySteps: new Uint16Array(count) };
    for (let k = 0; k < count; k++) {
      const slot = entries[3 * k];
      out.i[k] = entries[3 * k + 1];
      out.j[k] = entries[3 * k + 2];
      out.weight[k] = weight[slot];
      out.delaySteps[k] = delaySteps[slot];
    }
    return out;
  });
  return { step: snapshot.step, populations, projections };
}

export function populationArrayName(population: number, variable: PopulationVariable): string {
  return `population${population}_${variable}`;
}

/** The data file's name for a projection's array. */
export function projectionArrayName(projection: number, variable: 'i' | 'j' | 'w' | 'delay_steps'): string {
  return `projection${projection}_${variable}`;
}

/** Every array of the state under its data-file name, for encodeNpz. */
export function learnedStateArrays(state: LearnedState): Record<string, Float32Array | Int32Array | Uint16Array> {
  const arrays: Record<string, Float32Array | Int32Array | Uint16Array> = {};
  state.populations.forEach((p, k) => {
    for (const variable of POPULATION_VARIABLES) arrays[populationArrayName(k, variable)] = p[POPULATION_FIELDS[variable]];
  });
  state.projections.forEach((c, k) => {
    arrays[projectionArrayName(k, 'i')] = c.i;
    arrays[projectionArrayName(k, 'j')] = c.j;
    arrays[projectionArrayName(k, 'w')] = c.weight;
    arrays[projectionArrayName(k, 'delay_steps')] = c.delaySteps;
  });
  return arrays;
}
