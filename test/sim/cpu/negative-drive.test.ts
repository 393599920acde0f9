import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT } from '@/sim/connectome';
import { CpuEngine } from '@/sim/cpu';
import { connectomeViolations } from './connectome-invariants';
import { handConnectome, lif, sources } from './fixtures';

/**
 * Ten identical LIF neurons "E" (bias 20 mV, from rest) fire together in
 * volleys: the first after 20 ln(20 / 5) = 27.7 ms, then every 2 ms of
 * refractoriness later plus the same climb. In a volley spikes / alive = 1,
 * so the drive gains the aversion level A; between volleys it decays with
 * tau 100 ms. "F" is the same but has no drive. 20 silent sources project
 * onto both, with no synapse at the start (E fires by its bias alone).
 * Aversion decays with tau 10^5 ms: nearly constant over the test.
 */
function network(birth = false): CpuEngine {
  const volley = (name: string) => lif(name, 10, { i_bias_mV: 20 });
  return new CpuEngine(
    handConnectome({
      modulators: { aversion: { tau_ms: 1e5 } },
      populations: [
        sources('in', 20, 'poisson', 0),
        { ...volley('E'), capacity: 12, negative_drive: { threshold: 1, tau_ms: 100, grow: 5 }, neurogenesis: { rate_per_s: 0, on_negative_drive: birth } },
        volley('F'),
      ],
      projections: [
        { source: 'in', target: 'E', rowCapacity: 5, synapses: [] },
        { source: 'in', target: 'F', rowCapacity: 5, synapses: [] },
      ],
    }),
  );
}

/** Steps until E's next volley has been taken into the drive; returns the drive then. */
function untilVolley(engine: CpuEngine): number {
  for (let n = 0; n < 400; n++) {
    engine.step(1);
    const frame = engine.takeFrame();
    if (Array.from(frame.spikeNeuron).filter((i) => i >= 20 && i < 30).length === 10) return engine.state.negativeDrive[1];
  }
  throw new Error('no volley in 400 steps');
}

describe('negative drive', () => {
  it('stays exactly 0 without aversion however much the area fires: 3 volleys, no growth, no birth', () => {
    const engine = network(true);
    for (let k = 0; k < 3; k++) expect(untilVolley(engine)).toBe(0);
    expect(engine.structuralTotals()).toEqual({ grown: 0, pruned: 0, born: 0 });
  });

  // Drive after each volley: A; A e^(-T / 100 ms) + A; ... with T the volley interval. At A = 0.5 the third reaches the threshold 1.
  it('accumulates aversion x spikes / alive and decays with tau: 0.5 at the first volley, 0.5 (1 + e^(-T / 100 ms)) at the second, below the threshold 1', () => {
    const engine = network();
    engine.setModulator('aversion', 0.5);
    const first = untilVolley(engine);
    const steps = engine.stepCount;
    expect(Math.abs(first - 0.5)).toBeLessThan(1e-3);
    const second = untilVolley(engine);
    const intervalMs = (engine.stepCount - steps) * 0.1;
    expect(Math.abs(second - 0.5 * (1 + Math.exp(-intervalMs / 100)))).toBeLessThan(2e-3);
    expect(engine.structuralTotals().grown).toBe(0);
  });

  it('crosses the threshold at the third volley under aversion 0.5: grows grow = 5 synapses onto E from its incoming projection, none onto F, and starts again from 0', () => {
    const engine = network();
    engine.setModulator('aversion', 0.5);
    untilVolley(engine);
    untilVolley(engine);
    expect(engine.structuralTotals().grown).toBe(0);
    expect(untilVolley(engine)).toBe(0);
    expect(engine.structuralTotals()).toEqual({ grown: 5, pruned: 0, born: 0 });
    const { target, rowEnd } = engine.state.synapses;
    // Projection in -> E holds rows 0-19 (slots 0-99), in -> F rows 20-39 (slots 100-199).
    expect(Array.from(rowEnd.subarray(20, 40)).every((r) => r === 0)).toBe(true);
    const grown = Array.from(target.subarray(0, 100)).filter((t) => t !== EMPTY_SLOT);
    expect(grown.length).toBe(5);
    expect(grown.every((t) => t >= 20 && t < 30)).toBe(true);
    expect(connectomeViolations(engine)).toEqual([]);
  });

  it('gives birth to one neuron of E when it crosses, where neurogenesis.on_negative_drive asks for it', () => {
    const engine = network(true);
    engine.setModulator('aversion', 0.5);
    for (let k = 0; k < 3; k++) untilVolley(engine);
    expect(engine.structuralTotals().born).toBe(1);
    expect(engine.state.alive[30]).toBe(1);
    expect(connectomeViolations(engine)).toEqual([]);
  });
});
