import { describe, expect, it } from 'vitest';
import { CpuEngine, IMPRINT_MARGIN } from '@/sim/cpu';
import { handConnectome, lif, sources, type HandSynapse } from './fixtures';

/**
 * 20 Poisson sources "in" (0-19) onto one LIF memory neuron "M" (20),
 * all-to-all with weight 0.05 mV (far from making it fire), and M onto 5 LIF
 * "out" neurons (21-25) with weight 0. The input projection carries STDP
 * with both rates 0: it changes no weight but keeps the sources' traces,
 * which imprint reads. The sources' traces decay with tau 100 ms: at 40 Hz a
 * trace then averages 4 spikes (mean r tau = 4, sd sqrt(r tau / 2) = 1.4),
 * a steadier picture of the pattern than the default 20 ms gives (mean 0.8,
 * sd 0.6). LIF defaults: rest -65 mV, threshold -50 mV, tau_e 5 ms.
 */
function network(plastic = true): CpuEngine {
  const all = (sourceSize: number, targetSize: number, weight: number): HandSynapse[] =>
    Array.from({ length: sourceSize }, (_, from) => Array.from({ length: targetSize }, (_, to) => ({ from, to, weight, delaySteps: 1 }))).flat();
  return new CpuEngine(
    handConnectome({
      populations: [{ ...sources('in', 20, 'poisson', 0), trace: { tau_ms: 100 } }, lif('M', 1), lif('out', 5)],
      projections: [
        { source: 'in', target: 'M', synapses: all(20, 1, 0.05), plasticity: plastic ? { rule: 'stdp', a_plus: 0, a_minus: 0, w_max: 1000 } : undefined },
        { source: 'M', target: 'out', synapses: all(1, 5, 0) },
      ],
    }),
  );
}

/** Pattern K: sources 0-9 at 40 Hz; pattern L: sources 10-19. */
const pattern = (first: number) => Float32Array.from({ length: 20 }, (_, i) => (i >= first && i < first + 10 ? 40 : 0));
const K = pattern(0);
const L = pattern(10);

/** Presents `rates` for `steps` steps; returns the spikes of M and of each out neuron. */
function present(engine: CpuEngine, rates: Float32Array | number, steps: number): { m: number; out: number[] } {
  engine.setInputRates(0, rates);
  engine.takeFrame();
  engine.step(steps);
  const ids = Array.from(engine.takeFrame().spikeNeuron);
  return { m: ids.filter((i) => i === 20).length, out: [21, 22, 23, 24, 25].map((n) => ids.filter((i) => i === n).length) };
}

describe('one-shot imprint', () => {
  it('makes a neuron answer its key with its value: after one 300 ms presentation of K, K makes M fire and out 0 and 2 follow, while L leaves all silent', () => {
    const engine = network();
    const before = present(engine, K, 3_000);
    expect(before.m).toBe(0);
    expect(engine.imprint(20, 0)).toBe(20);
    expect(engine.imprintValue(20, 1, Float32Array.of(150, 0, 150, 0, 0))).toBe(5);
    present(engine, 0, 2_000);
    const key = present(engine, K, 3_000);
    present(engine, 0, 2_000);
    const other = present(engine, L, 3_000);
    expect(key.m).toBeGreaterThan(5);
    expect(key.out[0]).toBeGreaterThan(0);
    expect(key.out[2]).toBeGreaterThan(0);
    expect([key.out[1], key.out[3], key.out[4]]).toEqual([0, 0, 0]);
    expect(other).toEqual({ m: 0, out: [0, 0, 0, 0, 0] });
  });

  // w_s = gain k_s / sum k^2: a key of 1 on 10 sources and gain 120 gives 120 / 10 = 12 on each, 0 elsewhere.
  it('sets each incoming weight to gain x k_s / sum k^2: key 1 on sources 0-9, gain 120 -> 12 mV on those, 0 on the others', () => {
    const engine = network();
    engine.imprint(20, 0, { key: Float32Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0)), gain: 120 });
    expect(Array.from(engine.state.synapses.weight.subarray(0, 20))).toEqual([...new Array(10).fill(12), ...new Array(10).fill(0)]);
  });

  // gain = IMPRINT_MARGIN x (v_thresh - v_rest) x tau_trace / tau_e = 2 x 15 x 100 / 5 = 600.
  it(`defaults the gain to ${IMPRINT_MARGIN} x 15 mV x 100 ms / 5 ms = 600 for a current-based LIF target, so a key of 1 on 10 sources gives 60 mV`, () => {
    const engine = network();
    engine.imprint(20, 0, { key: Float32Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0)) });
    expect(engine.state.synapses.weight[0]).toBe(60);
  });

  it('refuses an empty key, a neuron outside the target population, and a source population without traces unless a key is given', () => {
    expect(() => network().imprint(20, 0)).toThrow('imprint: projection 0 ("in->M"): the key is empty: none of the 20 sources of neuron 20 is active (present the pattern first)');
    expect(() => network().imprint(21, 0)).toThrow('imprint: projection 0 ("in->M"): neuron 21 is not in population 1 ("M", neurons 20 to 20)');
    expect(() => network(false).imprint(20, 0)).toThrow('"in" keeps no spike traces (kept for the populations of plastic and structural projections); pass options.key');
    expect(network(false).imprint(20, 0, { key: new Float32Array(20).fill(1) })).toBe(20);
    expect(() => network().imprintValue(20, 1, new Float32Array(4))).toThrow('imprintValue: projection 1 ("M->out"): 4 values values given, expected 5');
  });
});
