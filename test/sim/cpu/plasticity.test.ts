import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { plasticNetwork } from './plastic-network';

/** The genome's [w_min, w_max] of each projection of plasticNetwork, in order. */
const BOUNDS = [
  [0, 0.3],
  [0.05, 2],
  [0, 4],
  [0, 1.5],
  [0, 5],
];

/** Weights of projection p's non-empty slots. */
function weightsOf(engine: CpuEngine, p: number): number[] {
  const layout = engine.connectome.projections[p];
  const rows = engine.connectome.populations[layout.source].capacity;
  const { target, weight } = engine.state.synapses;
  const out: number[] = [];
  for (let s = layout.slotStart; s < layout.slotStart + rows * layout.rowCapacity; s++) if (target[s] !== EMPTY_SLOT) out.push(weight[s]);
  return out;
}

describe('plasticity keeps weights inside their bounds', () => {
  // Learning rates x 40 and large modulator pulses push weights hard against both walls; the clip holds them.
  it('never leaves [w_min, w_max] on any of the five plastic projections over 0.4 s of learning at 40 x the rates, and reaches a bound', async () => {
    const engine = new CpuEngine(plasticNetwork(9, 40), { recordSpikes: false });
    let atBound = 0;
    for (let block = 0; block < 8; block++) {
      engine.pulseModulator('dopamine', block % 2 ? -20 : 20);
      engine.pulseModulator('aversion', 20);
      engine.step(500);
      BOUNDS.forEach(([wMin, wMax], p) => {
        const weights = weightsOf(engine, p);
        expect(Math.min(...weights), `projection ${p} min`).toBeGreaterThanOrEqual(Math.fround(wMin));
        expect(Math.max(...weights), `projection ${p} max`).toBeLessThanOrEqual(Math.fround(wMax));
        atBound += weights.filter((w) => w === Math.fround(wMin) || w === Math.fround(wMax)).length;
      });
    }
    expect(atBound).toBeGreaterThan(100);
    expect((await engine.readFrame()).populationSpikes.every((n) => n > 0)).toBe(true);
  });

  it('changes every plastic projection\'s weights over 0.2 s at ordinary rates, with dopamine and aversion pulses', () => {
    const engine = new CpuEngine(plasticNetwork(9, 1), { recordSpikes: false });
    const before = BOUNDS.map((_, p) => weightsOf(engine, p));
    engine.pulseModulator('dopamine', 1);
    engine.pulseModulator('aversion', 1);
    engine.step(2_000);
    BOUNDS.forEach((_, p) => expect(weightsOf(engine, p), `projection ${p}`).not.toEqual(before[p]));
  });
});
