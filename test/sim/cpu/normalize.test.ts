import { describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome } from '@/model';
import { buildConnectome, EMPTY_SLOT, type Connectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif, sources } from './fixtures';

/** 60 silent sources -> 20 LIF targets at p = 0.3, weights uniform in [0, 1], normalised to 2.5 per target. */
function grown(every_ms: number): Connectome {
  return buildConnectome(
    parseGenome({
      format: GENOME_FORMAT,
      version: GENOME_VERSION,
      seed: 11,
      populations: [
        { name: 'in', size: 60, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 0 } },
        { name: 'out', size: 20, sign: 'excitatory', neuron: { model: 'lif' } },
      ],
      projections: [
        {
          source: 'in',
          target: 'out',
          connectivity: { kind: 'probability', p: 0.3 },
          weight: { kind: 'uniform', min: 0, max: 1 },
          normalization: { total: 2.5, every_ms },
        },
      ],
    }),
  );
}

/** Sum of each target's incoming weights, by target within its population. */
function sums(engine: CpuEngine, targetStart: number, targets: number): number[] {
  const out = new Array<number>(targets).fill(0);
  const { target, weight } = engine.state.synapses;
  for (let s = 0; s < target.length; s++) if (target[s] !== EMPTY_SLOT) out[target[s] - targetStart] += weight[s];
  return out;
}

// f32 weights: each of ~18 terms carries a relative rounding of 2^-24, so a sum is total to within 1e-6 relative.
describe('synaptic normalisation', () => {
  it('scales every target\'s incoming weights to sum 2.5 (within 1e-6 relative) when asked', () => {
    const engine = new CpuEngine(grown(0));
    expect(sums(engine, 60, 20).some((s) => Math.abs(s - 2.5) > 0.1)).toBe(true);
    engine.normalize(0);
    for (const s of sums(engine, 60, 20)) expect(Math.abs(s / 2.5 - 1)).toBeLessThan(1e-6);
  });

  it('keeps the ratios within a target: scaling by one factor per target', () => {
    const engine = new CpuEngine(grown(0));
    const before = engine.state.synapses.weight.slice();
    engine.normalize(0);
    const { target, weight } = engine.state.synapses;
    const factor = new Map<number, number>();
    for (let s = 0; s < target.length; s++) {
      if (target[s] === EMPTY_SLOT || before[s] === 0) continue;
      const f = weight[s] / before[s];
      if (!factor.has(target[s])) factor.set(target[s], f);
      expect(Math.abs(f / factor.get(target[s])! - 1)).toBeLessThan(1e-6);
    }
  });

  it('runs on its own every every_ms = 1 ms (10 steps of 0.1 ms): not after 9 steps, done after the 10th', () => {
    const engine = new CpuEngine(grown(1));
    const initial = sums(engine, 60, 20);
    engine.step(9);
    expect(sums(engine, 60, 20)).toEqual(initial);
    engine.step(1);
    for (const s of sums(engine, 60, 20)) expect(Math.abs(s / 2.5 - 1)).toBeLessThan(1e-6);
  });

  it('leaves a target whose weights sum to 0 at 0 (no division by zero) while scaling its neighbour to 3', () => {
    const engine = new CpuEngine(
      handConnectome({
        populations: [sources('in', 2, 'poisson', 0), lif('out', 2)],
        projections: [
          {
            source: 'in',
            target: 'out',
            normalization: { total: 3 },
            synapses: [
              { from: 0, to: 0, weight: 0, delaySteps: 1 },
              { from: 1, to: 0, weight: 0, delaySteps: 1 },
              { from: 0, to: 1, weight: 0.5, delaySteps: 1 },
              { from: 1, to: 1, weight: 1, delaySteps: 1 },
            ],
          },
        ],
      }),
    );
    engine.normalize(0);
    expect(sums(engine, 2, 2)).toEqual([0, 3]);
    expect(Array.from(engine.state.synapses.weight)).toEqual([0, 1, 0, 2]);
  });

  it('refuses a projection without normalization and one that does not exist, naming it', () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('in', 1, 'poisson', 0), lif('out', 1)], projections: [{ source: 'in', target: 'out', synapses: [] }] }));
    expect(() => engine.normalize(0)).toThrow('normalize: projection 0 ("in->out") has no normalization in its genome');
    expect(() => engine.normalize(3)).toThrow('normalize: no projection 3 (the network has 1)');
  });
});
