import { describe, expect, it } from 'vitest';
import { cubaGenome, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import type { Frame } from '@/sim/engine';
import { CpuEngine, EVENT_SAMPLE_SIZE, learningConstants } from '@/sim/cpu';
import { connectomeViolations } from './connectome-invariants';
import { handConnectome, lif, sources } from './fixtures';
import { livingNetwork } from './living-network';

/**
 * Runs `steps` steps in chunks of 100 with an aversion pulse at step 3,000
 * and a dopamine pulse at step 6,000, taking a frame every `frameSteps`.
 */
function live(engine: CpuEngine, steps: number, frameSteps: number): Frame[] {
  const out: Frame[] = [];
  for (let done = 0; done < steps; done += 100) {
    if (engine.stepCount === 3_000) engine.pulseModulator('aversion', 5);
    if (engine.stepCount === 6_000) engine.pulseModulator('dopamine', 1);
    engine.step(100);
    if (engine.stepCount % frameSteps === 0) out.push(engine.takeFrame());
  }
  return out;
}

/** A frame's structural events as "kind:pre:post" strings. */
const events = (frame: Frame) => Array.from({ length: frame.structure.sample.length / 3 }, (_, k) => Array.from(frame.structure.sample.subarray(3 * k, 3 * k + 3)).join(':'));

describe('stage structure in a living network', () => {
  it('grows, prunes and gives birth over 1 s, keeping rows, reverse index and alive neurons consistent', () => {
    const engine = new CpuEngine(livingNetwork());
    live(engine, 10_000, 1_000);
    const totals = engine.structuralTotals();
    expect(totals.grown).toBeGreaterThan(100);
    expect(totals.pruned).toBeGreaterThan(100);
    // 10 births at 10 /s over 1 s, plus those of negative-drive crossings.
    expect(totals.born).toBeGreaterThan(10);
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('counts every event in exactly one frame: the frames\' counts add up to the totals since the start', () => {
    const engine = new CpuEngine(livingNetwork());
    const frames = live(engine, 10_000, 1_000);
    const sum = (key: 'grown' | 'pruned' | 'born') => frames.reduce((n, f) => n + f.structure[key], 0);
    expect({ grown: sum('grown'), pruned: sum('pruned'), born: sum('born') }).toEqual(engine.structuralTotals());
  });

  it(`samples every event of a frame with at most ${EVENT_SAMPLE_SIZE} of them, and ${EVENT_SAMPLE_SIZE} drawn from the whole frame when there are more`, () => {
    // Frames of one period (100 steps) hold few events: their samples list every event, in order.
    const fine = new CpuEngine(livingNetwork());
    const all = live(fine, 10_000, 100).flatMap((f) => {
      expect(f.structure.sample.length / 3).toBe(f.structure.grown + f.structure.pruned + f.structure.born);
      return events(f);
    });
    const [frame] = live(new CpuEngine(livingNetwork()), 10_000, 10_000);
    expect(all.length).toBeGreaterThan(2 * EVENT_SAMPLE_SIZE);
    expect(frame.structure.grown + frame.structure.pruned + frame.structure.born).toBe(all.length);
    const sample = events(frame);
    expect(sample.length).toBe(EVENT_SAMPLE_SIZE);
    const remaining = [...all];
    for (const e of sample) {
      const at = remaining.indexOf(e);
      expect(at, e).toBeGreaterThanOrEqual(0);
      remaining.splice(at, 1);
    }
    // A uniform sample of the frame, not its first events: about half from its second half (128 of 256, sd 8).
    const late = new Set(all.slice(all.length >> 1));
    const fromLate = sample.filter((e) => late.has(e)).length;
    expect(fromLate).toBeGreaterThan(90);
  });

  it('is deterministic: the same seed gives the same structural history, event for event; another seed another', () => {
    const history = (seed: number) => live(new CpuEngine(livingNetwork(seed)), 10_000, 1_000).map((f) => [f.structure.grown, f.structure.pruned, f.structure.born, ...events(f)]);
    const a = history(3);
    expect(history(3)).toEqual(a);
    expect(history(4)).not.toEqual(a);
  });
});

describe('snapshot and restore with structure', () => {
  it('restores a snapshot taken at step 4,000 and runs 6,000 more steps like the uninterrupted run: spikes, events, totals and every array', async () => {
    const uninterrupted = new CpuEngine(livingNetwork());
    live(uninterrupted, 4_000, 1_000);
    const snapshot = await uninterrupted.snapshot();
    for (const name of ['negativeDrive', 'structureTotals', 'alive', 'rowEnd', 'reverseSlot', 'reverseCount']) expect(snapshot.arrays[name]?.length, name).toBeGreaterThan(0);
    const after = (engine: CpuEngine) =>
      Array.from({ length: 6 }, (_, k) => {
        if (k === 2) engine.pulseModulator('aversion', 5);
        engine.step(1_000);
        const f = engine.takeFrame();
        return [Array.from(f.spikeNeuron).join(), f.structure.grown, f.structure.pruned, f.structure.born, ...events(f)];
      });
    const expected = after(uninterrupted);

    const resumed = new CpuEngine(livingNetwork());
    live(resumed, 700, 100);
    await resumed.restore(snapshot);
    expect(after(resumed)).toEqual(expected);
    expect(resumed.structuralTotals()).toEqual(uninterrupted.structuralTotals());
    const [a, b] = [await uninterrupted.snapshot(), await resumed.snapshot()];
    expect(b.arrays.target).not.toEqual(snapshot.arrays.target);
    for (const name of Object.keys(a.arrays)) expect(b.arrays[name], name).toEqual(a.arrays[name]);
  });
});

describe('a network without structure', () => {
  it('keeps the builder\'s delay ring and runs no structural work (CUBA, N = 1,000): no event in 1,000 steps', () => {
    const connectome = buildConnectome(parseGenome(cubaGenome(1000, 1)));
    const engine = new CpuEngine(connectome);
    expect(learningConstants(connectome).structure.active).toBe(false);
    expect(engine.state.ringLength).toBe(connectome.ringLength);
    engine.step(1_000);
    expect(engine.takeFrame().structure).toEqual({ grown: 0, pruned: 0, born: 0, sample: new Uint32Array(0) });
  });
});

describe('the delay ring of a growing network', () => {
  // Delays up to 3 ms = 30 steps may grow later, though the empty projection drew none at the start (ring of 2 slots).
  it('holds the longest delay a projection that may grow can draw: 3 ms = 30 steps, a ring of 31 slots', () => {
    const connectome = handConnectome({
      populations: [sources('in', 5, 'poisson', 0), lif('E', 5)],
      projections: [{ source: 'in', target: 'E', rowCapacity: 5, structural: { grow_per_period: 1 }, delay_ms: { kind: 'uniform', min: 0.1, max: 3 }, synapses: [] }],
    });
    expect(connectome.ringLength).toBe(2);
    expect(new CpuEngine(connectome).state.ringLength).toBe(31);
  });
});
