import { describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, type GenomeInput } from '@/model';
import { buildConnectome, EMPTY_SLOT, type Connectome } from '@/sim';
import { StructuralEventKind } from '@/sim/engine';
import { CpuEngine } from '@/sim/cpu';
import { connectomeViolations } from './connectome-invariants';

type PopulationInput = GenomeInput['populations'][number];
type ProjectionInput = NonNullable<GenomeInput['projections']>[number];

function grown(populations: PopulationInput[], projections: ProjectionInput[], seed = 5): Connectome {
  return buildConnectome(parseGenome({ format: GENOME_FORMAT, version: GENOME_VERSION, seed, dt_ms: 0.1, populations, projections }));
}

const source = (name: string, size: number, capacity = size): PopulationInput => ({ name, size, capacity, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 20 } });
const cells = (name: string, size: number, capacity: number, extra: Partial<PopulationInput> = {}): PopulationInput => ({ name, size, capacity, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 20 }, ...extra });
const weights = { kind: 'uniform', min: 0.1, max: 1 } as const;
const delays = { kind: 'uniform', min: 0.1, max: 3 } as const;

/** (source, target) pairs of projection `p` (global indices), sorted, with each synapse's weight and delay. */
function synapsesOf(connectome: Connectome, arrays: Connectome['synapses'], p: number): string[] {
  const layout = connectome.projections[p];
  const rows = connectome.populations[layout.source].capacity;
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    const first = layout.slotStart + row * layout.rowCapacity;
    for (let s = first; s < first + arrays.rowEnd[layout.rowStart + row]; s++)
      if (arrays.target[s] !== EMPTY_SLOT) out.push(`${connectome.populations[layout.source].start + row}->${arrays.target[s]} w${arrays.weight[s]} d${arrays.delaySteps[s]}`);
  }
  return out.sort();
}

/** The synapses of projection `p` that touch global neuron n. */
const touching = (list: string[], n: number) => list.filter((s) => s.startsWith(`${n}->`) || s.split(' ')[0].endsWith(`->${n}`));

describe('neurogenesis by rate', () => {
  // rate 100 /s at dt 0.1 ms: 0.01 births per step, floor((t + 1) x 0.01) by the end of step t.
  it('gives birth on a fixed schedule: 3 neurons in 300 steps at 100 /s, and stops at the capacity (size 10, capacity 15: 5 births) without error', () => {
    const engine = new CpuEngine(grown([source('in', 20), cells('E', 10, 15, { neurogenesis: { rate_per_s: 100 } })], []));
    engine.step(300);
    expect(engine.structuralTotals().born).toBe(3);
    expect(Array.from(engine.state.alive.subarray(20, 35))).toEqual([...new Array(13).fill(1), 0, 0]);
    engine.step(10_000);
    expect(engine.structuralTotals().born).toBe(5);
    expect(Array.from(engine.state.alive.subarray(20, 35)).every((a) => a === 1)).toBe(true);
  });

  it('counts each birth in its frame as (born, n, n) with the newborn\'s global index: 20, 21, 22', () => {
    const engine = new CpuEngine(grown([source('in', 20), cells('E', 10, 15, { neurogenesis: { rate_per_s: 100 } })], []));
    engine.step(300);
    const { structure } = engine.takeFrame();
    expect(structure.born).toBe(3);
    expect(Array.from(structure.sample)).toEqual([StructuralEventKind.born, 30, 30, StructuralEventKind.born, 31, 31, StructuralEventKind.born, 32, 32]);
  });
});

describe('a birth', () => {
  it('never exceeds the capacity: birth() returns the newborn (30 .. 34) 5 times, then -1, and the pool stays empty', () => {
    const engine = new CpuEngine(grown([source('in', 20), cells('E', 10, 15)], []));
    const born = Array.from({ length: 7 }, () => engine.birth(1));
    expect(born).toEqual([30, 31, 32, 33, 34, -1, -1]);
    expect(engine.structuralTotals().born).toBe(5);
  });

  it('starts the newborn from its initial state, and it then fires like the others: bias 20 mV, first spike after 20 ln(20 / 5) = 27.7 ms', () => {
    const engine = new CpuEngine(grown([cells('E', 1, 2)], []));
    engine.step(500);
    engine.state.v[1] = 0;
    engine.state.trace[1] = 3;
    const n = engine.birth(0);
    expect([n, engine.state.v[1], engine.state.trace[1], engine.state.refractory[1]]).toEqual([1, -65, 0, 0]);
    engine.takeFrame();
    engine.step(300);
    const frame = engine.takeFrame();
    const first = frame.spikeStep[Array.from(frame.spikeNeuron).indexOf(1)];
    expect(first - 500).toBe(277);
  });
});

describe('a newborn is wired as the builder would have wired it', () => {
  const project = (source: string, target: string, connectivity: ProjectionInput['connectivity'], extra: Partial<ProjectionInput> = {}): ProjectionInput => ({
    source,
    target,
    connectivity,
    weight: weights,
    delay_ms: delays,
    ...extra,
  });

  // fixed_indegree k = 5: the builder's Floyd draw for target 20 over the 50 sources.
  it('fixed in-degree 5: the newborn E[20] receives exactly 5 synapses, the same sources the builder gives E[20] when E starts with 21 neurons', () => {
    const projection = project('in', 'E', { kind: 'fixed_indegree', k: 5 }, { row_capacity: 20 });
    const engine = new CpuEngine(grown([source('in', 50), cells('E', 20, 30)], [projection]));
    const n = engine.birth(1);
    expect(n).toBe(70);
    const mine = touching(synapsesOf(engine.connectome, engine.state.synapses, 0), n);
    expect(mine.length).toBe(5);
    const reference = grown([source('in', 50), cells('E', 21, 30)], [projection]);
    const sourcesOf = (list: string[]) => list.map((s) => s.split('->')[0]).sort();
    expect(sourcesOf(mine)).toEqual(sourcesOf(touching(synapsesOf(reference, reference.synapses, 0), n)));
    const frame = engine.takeFrame();
    expect([frame.structure.born, frame.structure.grown]).toEqual([1, 5]);
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('fixed in-degree 5: a newborn gets inputs only from rows with a free slot: with rows of 1 slot, the 5 rows E[0] fills refuse it, and it keeps its other drawn sources', () => {
    const narrow = project('in', 'E', { kind: 'fixed_indegree', k: 5 }, { row_capacity: 1 });
    const engine = new CpuEngine(grown([source('in', 10), cells('E', 1, 2)], [narrow]));
    const taken = touching(synapsesOf(engine.connectome, engine.state.synapses, 0), 10).map((s) => s.split('->')[0]);
    expect(taken.length).toBe(5);
    engine.birth(1);
    const mine = touching(synapsesOf(engine.connectome, engine.state.synapses, 0), 11).map((s) => s.split('->')[0]);
    // The newborn's own draw, as the builder makes it with room in every row.
    const reference = grown([source('in', 10), cells('E', 2, 2)], [project('in', 'E', { kind: 'fixed_indegree', k: 5 }, { row_capacity: 5 })]);
    const drawn = touching(synapsesOf(reference, reference.synapses, 0), 11).map((s) => s.split('->')[0]);
    const free = drawn.filter((s) => !taken.includes(s));
    expect(free.length).toBeLessThan(5);
    expect(free.length).toBeGreaterThan(0);
    expect(mine.sort()).toEqual(free.sort());
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('probability: a newborn source\'s row, weights and delays equal the builder\'s row for that source when it starts alive', () => {
    const projection = project('A', 'B', { kind: 'probability', p: 0.3 });
    const engine = new CpuEngine(grown([source('A', 10, 12), cells('B', 40, 40)], [projection]));
    const n = engine.birth(0);
    const mine = touching(synapsesOf(engine.connectome, engine.state.synapses, 0), n);
    expect(mine.length).toBeGreaterThan(5);
    const reference = grown([source('A', 11, 12), cells('B', 40, 40)], [projection]);
    expect(mine).toEqual(touching(synapsesOf(reference, reference.synapses, 0), n));
  });

  // Each of the 200 alive sources connects with p = 0.25: 50 expected, sd sqrt(200 x 0.25 x 0.75) = 6.1.
  it('probability: a newborn target receives about p x sources = 50 inputs from 200 (within 4 sd: 26 to 74), each source once', () => {
    const projection = project('in', 'E', { kind: 'probability', p: 0.25 });
    const engine = new CpuEngine(grown([source('in', 200), cells('E', 20, 21)], [projection]));
    const n = engine.birth(1);
    const mine = touching(synapsesOf(engine.connectome, engine.state.synapses, 0), n);
    expect(mine.length).toBeGreaterThan(26);
    expect(mine.length).toBeLessThan(74);
    expect(new Set(mine.map((s) => s.split('->')[0])).size).toBe(mine.length);
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('recurrent probability without autapses: a newborn gets outgoing and incoming synapses, none onto itself, and no pair twice', () => {
    const projection = project('E', 'E', { kind: 'probability', p: 0.3 }, { plasticity: { rule: 'stdp', w_max: 1 } });
    const engine = new CpuEngine(grown([cells('E', 30, 40)], [projection]));
    for (let k = 0; k < 10; k++) engine.birth(0);
    const list = synapsesOf(engine.connectome, engine.state.synapses, 0);
    for (let n = 30; n < 40; n++) {
      expect(touching(list, n).filter((s) => s.startsWith(`${n}->`)).length).toBeGreaterThan(2);
      expect(touching(list, n).filter((s) => !s.startsWith(`${n}->`)).length).toBeGreaterThan(2);
      expect(list.some((s) => s.startsWith(`${n}->${n} `))).toBe(false);
    }
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('one-to-one: target 8 born before source 8 gets nothing; the birth of source 8 then makes the synapse 8 -> 8', () => {
    const projection = project('A', 'B', { kind: 'one_to_one' });
    const engine = new CpuEngine(grown([source('A', 8, 10), cells('B', 8, 10)], [projection]));
    engine.birth(1);
    expect(touching(synapsesOf(engine.connectome, engine.state.synapses, 0), 18)).toEqual([]);
    engine.birth(0);
    expect(touching(synapsesOf(engine.connectome, engine.state.synapses, 0), 18).map((s) => s.split(' ')[0])).toEqual(['8->18']);
  });

  it('topographic: a newborn\'s incoming and outgoing synapses equal the builder\'s for that neuron when it starts alive', () => {
    const projections = [project('E', 'E', { kind: 'topographic', radius: 0.2, p: 0.7 })];
    const engine = new CpuEngine(grown([cells('E', 39, 40)], projections));
    const n = engine.birth(0);
    const mine = touching(synapsesOf(engine.connectome, engine.state.synapses, 0), n).map((s) => s.split(' ')[0]);
    const reference = grown([cells('E', 40, 40)], projections);
    expect(mine.length).toBeGreaterThan(4);
    expect(mine).toEqual(touching(synapsesOf(reference, reference.synapses, 0), n).map((s) => s.split(' ')[0]));
  });
});
