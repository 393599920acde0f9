/**
 * Small connectomes made by hand for the stage tests: the genome comes from
 * parseGenome (so parameters and defaults are real), the layout and the
 * synapse rows are written out here, synapse by synapse, so a test states
 * exactly which neuron connects to which with what weight and delay.
 */
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, type GenomeInput } from '@/model';
import { Channel, EMPTY_SLOT, type Connectome, type PopulationLayout, type ProjectionLayout } from '@/sim/connectome';

type PopulationInput = GenomeInput['populations'][number];
type ProjectionInput = GenomeInput['projections'] extends (infer P)[] | undefined ? P : never;

/** One synapse: source and target as indices within their populations. */
export interface HandSynapse {
  from: number;
  to: number;
  weight: number;
  delaySteps: number;
}

export interface HandProjection {
  source: string;
  target: string;
  synapse?: 'current' | 'conductance';
  synapses: HandSynapse[];
  /** Learning rule and normalisation, as the genome writes them. */
  plasticity?: ProjectionInput['plasticity'];
  normalization?: ProjectionInput['normalization'];
  /** Pruning and growth, and what grown synapses draw their delay from (default 1 ms = 10 steps at dt 0.1 ms). */
  structural?: ProjectionInput['structural'];
  delay_ms?: ProjectionInput['delay_ms'];
  autapses?: boolean;
  /** Slots per row; default: the most synapses any row is given. */
  rowCapacity?: number;
}

export interface HandNetwork {
  populations: PopulationInput[];
  projections?: HandProjection[];
  seed?: number;
  dt_ms?: number;
  modulators?: GenomeInput['modulators'];
}

/** Where a neuron starts: init_v_mV when constant, else LIF rest, Izhikevich -65 mV, sources 0 (as the builder does). */
function startV(population: PopulationInput): number {
  if (population.init_v_mV?.kind === 'constant') return population.init_v_mV.value;
  if (population.neuron.model === 'lif') return population.neuron.v_rest_mV ?? -65;
  return population.neuron.model === 'izhikevich' ? -65 : 0;
}

export function handConnectome(network: HandNetwork): Connectome {
  const hand = network.projections ?? [];
  const rowCapacityOf = (p: HandProjection) => p.rowCapacity ?? Math.max(1, ...countBy(p.synapses.map((s) => s.from)));
  const genome = parseGenome({
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    seed: network.seed ?? 1,
    dt_ms: network.dt_ms ?? 0.1,
    populations: network.populations,
    modulators: network.modulators,
    projections: hand.map(
      (p): ProjectionInput => ({
        source: p.source,
        target: p.target,
        synapse: p.synapse ?? 'current',
        connectivity: { kind: 'probability', p: 0 },
        weight: { kind: 'constant', value: 0 },
        row_capacity: rowCapacityOf(p),
        plasticity: p.plasticity,
        normalization: p.normalization,
        structural: p.structural,
        delay_ms: p.delay_ms,
        autapses: p.autapses,
      }),
    ),
  });

  let start = 0;
  const populations: PopulationLayout[] = genome.populations.map((p, index) => {
    const capacity = p.capacity ?? p.size;
    const layout: PopulationLayout = { index, name: p.name, start, size: p.size, capacity, kind: p.neuron.model, sign: p.sign, role: p.role };
    start += capacity;
    return layout;
  });
  const neuronCount = start;
  const byName = new Map(populations.map((p) => [p.name, p]));

  let slotCount = 0;
  let rowCount = 0;
  const projections: ProjectionLayout[] = hand.map((p, index) => {
    const source = byName.get(p.source)!;
    const target = byName.get(p.target)!;
    const excitatory = source.sign === 'excitatory';
    const conductance = p.synapse === 'conductance';
    const channel = conductance ? (excitatory ? Channel.excConductance : Channel.inhConductance) : excitatory ? Channel.excCurrent : Channel.inhCurrent;
    const layout: ProjectionLayout = { index, name: `${p.source}->${p.target}`, source: source.index, target: target.index, channel, rowCapacity: rowCapacityOf(p), slotStart: slotCount, rowStart: rowCount };
    slotCount += source.capacity * layout.rowCapacity;
    rowCount += source.capacity;
    return layout;
  });

  const target = new Uint32Array(slotCount).fill(EMPTY_SLOT);
  const weight = new Float32Array(slotCount);
  const delaySteps = new Uint16Array(slotCount);
  const rowEnd = new Uint32Array(rowCount);
  let maxDelay = 1;
  hand.forEach((p, index) => {
    const layout = projections[index];
    const targetStart = populations[layout.target].start;
    for (const s of p.synapses) {
      const row = layout.rowStart + s.from;
      const slot = layout.slotStart + s.from * layout.rowCapacity + rowEnd[row]++;
      target[slot] = targetStart + s.to;
      weight[slot] = s.weight;
      delaySteps[slot] = s.delaySteps;
      maxDelay = Math.max(maxDelay, s.delaySteps);
    }
  });

  const populationOf = new Uint16Array(neuronCount);
  const alive = new Uint8Array(neuronCount);
  const initialV = new Float32Array(neuronCount);
  for (const p of populations) {
    populationOf.fill(p.index, p.start, p.start + p.capacity);
    alive.fill(1, p.start, p.start + p.size);
    initialV.fill(startV(network.populations[p.index]), p.start, p.start + p.capacity);
  }

  return {
    genome,
    neuronCount,
    populations,
    projections,
    populationOf,
    alive,
    position: new Float32Array(2 * neuronCount),
    initialV,
    synapses: { target, weight, delaySteps, rowEnd },
    ringLength: maxDelay + 1,
  };
}

/** How many times each value occurs. */
function countBy(values: number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()];
}

/** A LIF population with the schema's defaults unless overridden. */
export function lif(name: string, size: number, neuron: Partial<Extract<PopulationInput['neuron'], { model: 'lif' }>> = {}, sign: 'excitatory' | 'inhibitory' = 'excitatory'): PopulationInput {
  return { name, size, sign, neuron: { model: 'lif', ...neuron } };
}

export function izhikevich(name: string, size: number, neuron: Partial<Extract<PopulationInput['neuron'], { model: 'izhikevich' }>> = {}): PopulationInput {
  return { name, size, sign: 'excitatory', neuron: { model: 'izhikevich', ...neuron } };
}

export function sources(name: string, size: number, process: 'poisson' | 'regular', rate_hz: number, sign: 'excitatory' | 'inhibitory' = 'excitatory'): PopulationInput {
  return { name, size, sign, neuron: { model: 'spike_source', process, rate_hz } };
}
