import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT } from '@/sim/connectome';
import { StructuralEventKind } from '@/sim/engine';
import { CpuEngine } from '@/sim/cpu';
import { connectomeViolations } from './connectome-invariants';
import type { HandProjection } from './fixtures';
import { PULL, pruningConnectome } from './pruning-network';

const f32 = Math.fround;

const network = (structural: HandProjection['structural'], plastic = true): CpuEngine => new CpuEngine(pruningConnectome(structural, plastic));

/** Slot of row `from`, position `k`: rows of 3 slots from slot 0. */
const slot = (from: number, k: number) => 3 * from + k;

describe('structural pull toward zero (L1)', () => {
  it('takes exactly decay_per_s x period_s = 2 x 0.01 = 0.02 (f32) off every weight at the end of each 100-step period, and nothing before', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2 });
    const { weight } = engine.state.synapses;
    const start = Array.from(weight);
    engine.step(99);
    expect(Array.from(weight)).toEqual(start);
    engine.step(1);
    expect(Array.from(weight)).toEqual(start.map((w, s) => (s % 3 < [3, 2, 1][Math.floor(s / 3)] ? f32(w - PULL) : 0)));
    engine.step(100);
    expect(weight[slot(0, 1)]).toBe(f32(f32(f32(0.5) - PULL) - PULL));
  });

  it('stops at 0 and, with prune_below 0, keeps the synapse: 0.05 - 3 x 0.02 -> 0, still connected', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0 });
    engine.step(300);
    expect(engine.state.synapses.weight[slot(0, 0)]).toBe(0);
    expect(engine.state.synapses.target[slot(0, 0)]).not.toBe(EMPTY_SLOT);
    expect(engine.takeFrame().structure.pruned).toBe(0);
  });
});

describe('pruning', () => {
  // After one pull: 0.03, 0.48, 0.13 | 0.28, 0.06 | 0.18; below 0.1: row 0 slot 0 (E0) and row 1 slot 1 (E3).
  it('empties exactly the 2 slots below prune_below = 0.1 after the pull (0.05 -> 0.03, 0.08 -> 0.06) and nothing else', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 });
    const { target, weight, delaySteps } = engine.state.synapses;
    const before = Array.from(target);
    engine.step(100);
    const emptied = before.flatMap((t, s) => (t !== EMPTY_SLOT && target[s] === EMPTY_SLOT ? [s] : []));
    expect(emptied).toEqual([slot(0, 0), slot(1, 1)]);
    expect([weight[slot(0, 0)], delaySteps[slot(0, 0)], weight[slot(1, 1)]]).toEqual([0, 0, 0]);
    for (const s of [slot(0, 1), slot(0, 2), slot(1, 0), slot(2, 0)]) expect(target[s]).toBe(before[s]);
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('lowers rowEnd only where the row\'s tail empties: row 0 keeps 3 (a hole at slot 0), row 1 drops from 2 to 1', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 });
    engine.step(100);
    expect(Array.from(engine.state.synapses.rowEnd)).toEqual([3, 1, 1]);
  });

  it('removes the pruned slots from their targets\' reverse-index columns: E0 keeps only row 1\'s slot 3, E3 keeps none', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 });
    engine.step(100);
    const { reverseSlot, reverseCount } = engine.state;
    // Columns hold up to 3 entries (one per source): E0's column starts at 0, E3's at 9.
    expect(Array.from(reverseCount)).toEqual([1, 1, 2, 0]);
    expect(reverseSlot[0]).toBe(slot(1, 0));
  });

  it('zeroes a pruned slot\'s eligibility and leaves the others\' to decay', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 });
    engine.state.eligibility.fill(0.5);
    engine.step(100);
    const { eligibility } = engine.state;
    expect([eligibility[slot(0, 0)], eligibility[slot(1, 1)]]).toEqual([0, 0]);
    expect(eligibility[slot(0, 1)]).toBeGreaterThan(0.4);
  });

  it('counts 2 prunings in the frame and samples each as (pruned, pre, post) with global indices (sources 0-2, E 3-6)', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 });
    engine.step(100);
    const { structure } = engine.takeFrame();
    expect([structure.grown, structure.pruned, structure.born]).toEqual([0, 2, 0]);
    expect(Array.from(structure.sample)).toEqual([StructuralEventKind.pruned, 0, 3, StructuralEventKind.pruned, 1, 6]);
    expect(engine.structuralTotals()).toEqual({ grown: 0, pruned: 2, born: 0 });
  });

  it('works the same on a projection without plasticity (no reverse index): the same 2 slots', () => {
    const engine = network({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 }, false);
    engine.step(100);
    expect(Array.from(engine.state.synapses.target).flatMap((t, s) => (t === EMPTY_SLOT && s % 3 < [3, 2, 1][Math.floor(s / 3)] ? [s] : []))).toEqual([slot(0, 0), slot(1, 1)]);
    expect(connectomeViolations(engine)).toEqual([]);
  });
});
