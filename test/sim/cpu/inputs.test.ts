import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, sources } from './fixtures';

const DT_MS = 0.1;

/** Spike times (steps) of each neuron of a frame. */
function trains(neuronCount: number, spikeStep: Uint32Array, spikeNeuron: Uint32Array): number[][] {
  const out: number[][] = Array.from({ length: neuronCount }, () => []);
  spikeNeuron.forEach((n, k) => out[n].push(spikeStep[k]));
  return out;
}

describe('Poisson sources', () => {
  // 200 neurons x 10,000 steps of Bernoulli(p = 50 Hz x 0.1 ms = 0.005): mean 10,000 spikes,
  // sd sqrt(2e6 x 0.005 x 0.995) = 99.7; allow 5 sd.
  it('fire 10,000 spikes from 200 neurons at 50 Hz over 1 s, within 5 sd (500)', () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('retina', 200, 'poisson', 50)], dt_ms: DT_MS }));
    engine.step(10_000);
    const frame = engine.takeFrame();
    expect(Math.abs(frame.spikeNeuron.length - 10_000)).toBeLessThan(500);
    expect(frame.populationSpikes[0]).toBe(frame.spikeNeuron.length);
  });

  // Geometric intervals with p = 0.005 have CV sqrt(1 - p) = 0.9975 (1 for a Poisson process);
  // with ~10,000 intervals the CV's standard error is about 0.01: allow 0.05.
  it('have intervals with a coefficient of variation of 0.9975 (geometric, p = 0.005) within 0.05', () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('retina', 200, 'poisson', 50)], dt_ms: DT_MS }));
    engine.step(10_000);
    const frame = engine.takeFrame();
    const isi = trains(200, frame.spikeStep, frame.spikeNeuron).flatMap((t) => t.slice(1).map((s, k) => s - t[k]));
    const mean = isi.reduce((a, b) => a + b, 0) / isi.length;
    const sd = Math.sqrt(isi.reduce((a, b) => a + (b - mean) ** 2, 0) / (isi.length - 1));
    expect(Math.abs(sd / mean - Math.sqrt(1 - 0.005))).toBeLessThan(0.05);
  });

  // Per-neuron rates from setInputRates: neurons at 0 Hz never fire; neurons at 200 Hz fire
  // 100 x 200 x 0.5 s = 10,000 spikes (sd 99), allow 500.
  it('follow per-neuron rates from setInputRates: 0 Hz neurons stay silent, 200 Hz neurons fire 10,000 spikes in 0.5 s within 500', () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('retina', 200, 'poisson', 50)], dt_ms: DT_MS }));
    const rates = new Float32Array(200);
    rates.fill(200, 100);
    engine.setInputRates(0, rates);
    engine.step(5_000);
    const frame = engine.takeFrame();
    expect(frame.spikeNeuron.every((n) => n >= 100)).toBe(true);
    expect(Math.abs(frame.spikeNeuron.length - 10_000)).toBeLessThan(500);
  });
});

describe('regular sources', () => {
  // Phase advances by 20 Hz x 0.1 ms = 0.002 per step and starts in [0, 1): exactly 20 spikes in 1 s,
  // one every 1 / 20 Hz = 500 steps (499 or 501 where f32 rounding of the phase tips a step).
  it('fire exactly 20 spikes per neuron at 20 Hz over 1 s, every 500 +- 1 steps, with phases spread by the seed', () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('clock', 10, 'regular', 20)], dt_ms: DT_MS }));
    engine.step(10_000);
    const frame = engine.takeFrame();
    const perNeuron = trains(10, frame.spikeStep, frame.spikeNeuron);
    for (const train of perNeuron) {
      expect(train.length).toBe(20);
      for (let k = 1; k < train.length; k++) expect(Math.abs(train[k] - train[k - 1] - 500)).toBeLessThanOrEqual(1);
    }
    // Initial phases come from Philox (Stream.init), uniform over the 500-step period. In lockstep all ten
    // would share one first step; drawn, each of the 45 pairs coincides with probability 1 / 500.
    expect(new Set(perNeuron.map((t) => t[0])).size).toBeGreaterThanOrEqual(8);
  });
});

describe('setInputRates', () => {
  const connectome = handConnectome({ populations: [sources('retina', 4, 'poisson', 10), { name: 'cell', size: 2, sign: 'excitatory', neuron: { model: 'lif' } }] });

  it('sets every neuron of a population from a number', () => {
    const engine = new CpuEngine(connectome);
    engine.setInputRates(0, 30);
    expect(Array.from(engine.state.rate_hz.subarray(0, 4))).toEqual([30, 30, 30, 30]);
  });

  it('refuses a wrong length, a population that is not a spike source, a missing population and a rate out of range, naming each', () => {
    const engine = new CpuEngine(connectome);
    expect(() => engine.setInputRates(0, new Float32Array(3))).toThrow('3 rates given, expected one per neuron of its capacity, 4');
    expect(() => engine.setInputRates(1, 5)).toThrow('population 1 ("cell") is lif, not a spike_source');
    expect(() => engine.setInputRates(2, 5)).toThrow('no population 2 (the network has 2)');
    expect(() => engine.setInputRates(0, -1)).toThrow('rate -1 Hz is outside [0, 1000] Hz');
    expect(() => engine.setInputRates(0, Float32Array.of(1, 2, Number.NaN, 4))).toThrow('rates[2] = NaN Hz is outside [0, 1000] Hz');
  });
});
