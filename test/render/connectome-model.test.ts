import { describe, expect, it } from 'vitest';
import { ConnectomeModel, EVENT_FLASH_MS, MIN_EDGE_ALPHA, TRANSITION_MS, type SynapseSample } from '@/render/connectome-model';
import { EMPTY_SLOT, StructuralEventKind, type StructuralEvents } from '@/sim';
import { populations } from './fixtures';

const E = EMPTY_SLOT;
// Neurons 0..3 retina; 4..11 exc (6 alive, capacity 8); 12..13 out.
const network = populations([
  { name: 'retina', size: 4, role: 'sensor' },
  { name: 'exc', size: 6, capacity: 8 },
  { name: 'out', size: 2, role: 'output' },
]);

function sample(slots: number[], pre: number[], post: number[], weight: number[]): SynapseSample {
  return { slots: Uint32Array.from(slots), pre: Uint32Array.from(pre), post: Uint32Array.from(post), weight: Float32Array.from(weight) };
}

/** Slots 100..103: retina 0 -> exc 4, 1 -> 5, 2 -> 6 with weights 0.5, 1, 0; slot 103 (row of 3) empty. */
const first = sample([100, 101, 102, 103], [0, 1, 2, 3], [4, 5, 6, E], [0.5, 1, 0, 0]);

function events(...triples: [number, number, number][]): StructuralEvents {
  const count = (kind: number) => triples.filter((t) => t[0] === kind).length;
  return { grown: count(StructuralEventKind.grown), pruned: count(StructuralEventKind.pruned), born: count(StructuralEventKind.born), sample: Uint32Array.from(triples.flat()) };
}

function model(): ConnectomeModel {
  const m = new ConnectomeModel();
  m.setSize(900, 600);
  m.setNetwork(network);
  return m;
}

describe('ConnectomeModel: synapse sample', () => {
  it('draws the first read steady, alpha 0.08 + 0.92 w over the largest weight: 0.54, 1, 0.08', () => {
    const m = model();
    m.applySample(first, 0);
    const edges = m.edges(0);
    expect(edges.map((e) => [e.slot, e.pre, e.post, e.state])).toEqual([
      [100, 0, 4, 'steady'],
      [101, 1, 5, 'steady'],
      [102, 2, 6, 'steady'],
    ]);
    expect(edges.map((e) => e.weight)).toEqual([0.5, 1, 0]);
    expect(edges[0].alpha).toBeCloseTo(MIN_EDGE_ALPHA + (1 - MIN_EDGE_ALPHA) * 0.5, 9);
    expect(edges[1].alpha).toBeCloseTo(1, 9);
    expect(edges[2].alpha).toBeCloseTo(MIN_EDGE_ALPHA, 9);
    expect(m.visibleSynapses()).toBe(3);
    expect(m.animating(0)).toBe(false);
  });

  it('flashes a slot that became occupied: opaque at the read, halfway settled after 500 ms, steady after 1 s', () => {
    const m = model();
    m.applySample(first, 0);
    m.applySample(sample([100, 101, 102, 103], [0, 1, 2, 3], [4, 5, 6, 7], [0.5, 1, 0, 0.5]), 1000);
    const grown = (t: number) => m.edges(t).find((e) => e.slot === 103)!;
    expect(grown(1000)).toMatchObject({ pre: 3, post: 7, state: 'growing', flash: 1, alpha: 1 });
    const steady = MIN_EDGE_ALPHA + (1 - MIN_EDGE_ALPHA) * 0.5;
    expect(grown(1500).state).toBe('growing');
    expect(grown(1500).alpha).toBeCloseTo(steady + (1 - steady) * 0.5, 6);
    expect(grown(1000 + TRANSITION_MS)).toMatchObject({ state: 'steady', flash: 0 });
    expect(grown(1000 + TRANSITION_MS).alpha).toBeCloseTo(steady, 6);
    expect(m.visibleSynapses()).toBe(4);
    expect(m.animating(1999)).toBe(true);
    expect(m.animating(2000)).toBe(false);
  });

  it('fades a slot that became empty over 1 s (alpha 1 - age / 1000) and then drops it from the drawn slots', () => {
    const m = model();
    m.applySample(first, 0);
    m.applySample(sample([100, 101, 102, 103], [0, 1, 2, 3], [E, 5, 6, E], [0, 1, 0, 0]), 1000);
    expect(m.visibleSynapses()).toBe(2);
    const fading = (t: number) => m.edges(t).filter((e) => e.slot === 100);
    expect(fading(1000)).toEqual([{ slot: 100, pre: 0, post: 4, weight: 0.5, alpha: 1, flash: 1, state: 'fading' }]);
    expect(fading(1750)[0].alpha).toBeCloseTo(0.25, 9);
    expect([...m.drawnSlots(1999)].sort()).toEqual([100, 101, 102]);
    expect(fading(1000 + TRANSITION_MS)).toEqual([]);
    expect([...m.drawnSlots(1000 + TRANSITION_MS)].sort()).toEqual([101, 102]);
  });

  it('shows a slot that changed target between reads as the old synapse fading and the new one growing', () => {
    const m = model();
    m.applySample(first, 0);
    m.applySample(sample([100, 101, 102, 103], [0, 1, 2, 3], [9, 5, 6, E], [0.2, 1, 0, 0]), 1000);
    const slot100 = m.edges(1000).filter((e) => e.slot === 100);
    expect(slot100.map((e) => [e.post, e.state])).toEqual([
      [9, 'growing'],
      [4, 'fading'],
    ]);
  });

  it('starts afresh without flashes when the read holds other slots', () => {
    const m = model();
    m.applySample(first, 0);
    m.applySample(sample([200, 201], [4, 5], [12, E], [1, 0]), 1000);
    expect(m.edges(1000).map((e) => [e.slot, e.state])).toEqual([[200, 'steady']]);
    expect(m.animating(1000)).toBe(false);
  });

  it('draws a network with no synapses as no edges, and weights all 0 at the floor opacity 0.08', () => {
    const m = model();
    m.applySample(sample([], [], [], []), 0);
    expect(m.edges(0)).toEqual([]);
    expect(m.visibleSynapses()).toBe(0);
    m.applySample(sample([5, 6], [0, 1], [4, 5], [0, 0]), 10);
    expect(m.edges(10).map((e) => e.alpha)).toEqual([MIN_EDGE_ALPHA, MIN_EDGE_ALPHA]);
  });

  it('ignores slots whose neurons lie past this network (a read from the previous network)', () => {
    const m = model();
    m.applySample(sample([1, 2], [0, 50], [4, 5], [1, 1]), 0);
    expect(m.edges(0).map((e) => e.slot)).toEqual([1]);
    expect(m.visibleSynapses()).toBe(1);
  });
});

describe('ConnectomeModel: frame events', () => {
  it('flashes a growth outside the slot sample for 600 ms, and not one the sample already holds', () => {
    const m = model();
    m.applySample(first, 0);
    m.applyEvents(events([StructuralEventKind.grown, 1, 9], [StructuralEventKind.grown, 0, 4]), 100);
    const extra = m.edges(100).filter((e) => e.slot === -1);
    expect(extra).toEqual([{ slot: -1, pre: 1, post: 9, weight: 1, alpha: 1, flash: 1, state: 'growing' }]);
    expect(m.edges(400).find((e) => e.slot === -1)!.alpha).toBeCloseTo(0.5, 9);
    expect(m.edges(100 + EVENT_FLASH_MS).filter((e) => e.slot === -1)).toEqual([]);
    // Event flashes are not sampled synapses.
    expect(m.visibleSynapses()).toBe(3);
  });

  it('hands a growth event over to its slot when the next read shows it: one line, growing from the read', () => {
    const m = model();
    m.applySample(first, 0);
    m.applyEvents(events([StructuralEventKind.grown, 3, 7]), 100);
    m.applySample(sample([100, 101, 102, 103], [0, 1, 2, 3], [4, 5, 6, 7], [0.5, 1, 0, 1]), 300);
    const lines = m.edges(300).filter((e) => e.pre === 3 && e.post === 7);
    expect(lines.map((e) => [e.slot, e.state, e.flash])).toEqual([[103, 'growing', 1]]);
  });

  it('fades a pruning outside the sample as its own line; one whose slot is sampled waits for the read', () => {
    const m = model();
    m.applySample(first, 0);
    m.applyEvents(events([StructuralEventKind.pruned, 3, 8], [StructuralEventKind.pruned, 1, 5]), 100);
    expect(m.edges(100).filter((e) => e.state === 'fading').map((e) => [e.slot, e.pre, e.post])).toEqual([[-1, 3, 8]]);
    m.applySample(sample([100, 101, 102, 103], [0, 1, 2, 3], [4, E, 6, E], [0.5, 0, 0, 0]), 200);
    expect(
      m
        .edges(200)
        .filter((e) => e.state === 'fading')
        .map((e) => [e.slot, e.pre, e.post]),
    ).toEqual([
      [-1, 3, 8],
      [101, 1, 5],
    ]);
  });

  it('brings a newborn to life with a ring (1 at birth, 0.5 after 500 ms, gone after 1 s); unborn neurons are not drawn', () => {
    const m = model();
    const dotsOf = (t: number) => m.neurons(t);
    // 4 + 6 + 2 alive of 4 + 8 + 2.
    expect(Array.from(dotsOf(0).neuron)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13]);
    m.applyEvents(events([StructuralEventKind.born, 10, 10]), 1000);
    const after = dotsOf(1000);
    expect(Array.from(after.neuron)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13]);
    const born = Array.from(after.neuron).indexOf(10);
    expect(after.flash[born]).toBe(1);
    expect(after.flash[0]).toBe(0);
    expect(dotsOf(1500).flash[born]).toBeCloseTo(0.5, 6);
    expect(dotsOf(2000).flash[born]).toBe(0);
    expect(after.population[born]).toBe(1);
  });

  it('takes births in order: neuron 11 seen alive (born, or in a synapse) brings the unsampled birth of 10 with it', () => {
    const m = model();
    m.applySample(sample([1], [11], [12], [1]), 50);
    const dots = m.neurons(50);
    expect(Array.from(dots.neuron).slice(-4)).toEqual([10, 11, 12, 13]);
    expect(dots.flash[dots.neuron.indexOf(10)]).toBe(1);
  });
});

describe('ConnectomeModel: hit test', () => {
  it('finds the drawn neuron at its own position and the nearer of two; nothing 100 px from any dot', () => {
    const m = model();
    const { x, y } = m.layout;
    expect(m.hitTest(x[5], y[5], 4)).toBe(5);
    const between = { x: x[5] + 0.4 * (x[6] - x[5]), y: y[5] + 0.4 * (y[6] - y[5]) };
    const near = m.hitTest(between.x, between.y, 100);
    expect(near).toBe(5);
    expect(m.hitTest(-100, -100, 4)).toBe(-1);
  });

  it('does not find an unborn neuron until it is born', () => {
    const m = model();
    const { x, y } = m.layout;
    expect(m.hitTest(x[11], y[11], 0.1)).toBe(-1);
    m.applyEvents(events([StructuralEventKind.born, 11, 11]), 0);
    expect(m.hitTest(x[11], y[11], 0.1)).toBe(11);
  });

  it('keeps every neuron findable after a resize (positions follow the new size)', () => {
    const m = model();
    m.setSize(400, 300);
    const { x, y } = m.layout;
    expect(Math.max(...x)).toBeLessThanOrEqual(400);
    for (const n of [0, 4, 9, 13]) expect(m.hitTest(x[n], y[n], 1)).toBe(n);
  });
});

describe('ConnectomeModel: 10,000 neurons', () => {
  it('draws 784 + 2,000 + 10 dots (hidden 10,000 at stride 5) and picks a hidden neuron through its dot', () => {
    const big = populations([
      { name: 'retina', size: 784, role: 'sensor' },
      { name: 'exc', size: 10_000 },
      { name: 'out', size: 10, role: 'output' },
    ]);
    const m = new ConnectomeModel();
    m.setSize(1200, 800);
    m.setNetwork(big);
    expect(m.neurons(0).neuron.length).toBe(784 + 2000 + 10);
    // Neuron 784 + 17 is drawn by dot 3 of exc, neuron 784 + 15.
    const { x, y } = m.layout;
    expect(m.hitTest(x[784 + 17], y[784 + 17], 1)).toBe(784 + 15);
    // A read of 2,000 slots diffs and draws.
    const n = 2000;
    const slots = Uint32Array.from({ length: n }, (_, k) => k);
    const pre = Uint32Array.from({ length: n }, (_, k) => k % 784);
    const post = Uint32Array.from({ length: n }, (_, k) => 784 + ((k * 7) % 10_000));
    const weight = Float32Array.from({ length: n }, (_, k) => (k % 10) / 10);
    m.applySample({ slots, pre, post, weight }, 0);
    post[0] = EMPTY_SLOT;
    m.applySample({ slots, pre, post, weight }, 100);
    expect(m.visibleSynapses()).toBe(n - 1);
    expect(m.edges(100).length).toBe(n);
    expect(m.edges(100 + TRANSITION_MS).length).toBe(n - 1);
  });
});
