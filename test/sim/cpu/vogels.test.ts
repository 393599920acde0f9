import { describe, expect, it } from 'vitest';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { pairConnectome, runPair, traceAfter } from './pairs';

/** Vogels et al. (2011): pre spike dw = eta (x_post - alpha), alpha = 2 rho0 tau_post; post spike dw = eta x_pre. */
describe('Vogels inhibitory plasticity, one pair', () => {
  const rule = { rule: 'vogels' as const, eta: 0.01, target_rate_hz: 5, w_min: 0, w_max: 2 };
  // alpha = 2 x 5 Hz x 0.020 s = 0.2.
  const ALPHA = 0.2;

  // A weak synapse (0.1 mV) so the inhibition barely delays the post spike.
  const W0 = 0.1;

  it('pre then post: the lone pre spike subtracts eta alpha = 0.002, the post spike adds eta x_pre', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('pre-then-post', W0, rule, 'inhibitory'));
    expect(weight - W0).toBeCloseTo(-0.01 * ALPHA + 0.01 * traceAfter(postStep - preStep, 20), 6);
  });

  it('post then pre: the pre spike adds eta (x_post - alpha) with x_post ~ 0.5 > alpha', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('post-then-pre', W0, rule, 'inhibitory'));
    expect(weight - W0).toBeCloseTo(0.01 * (traceAfter(preStep - postStep, 20) - ALPHA), 6);
  });
});

/**
 * 100 inhibitory Poisson sources at 10 Hz onto 10 LIF neurons whose bias
 * alone makes them fire at 1 / (2 ms + 20 ln(25 / 10) ms) = 49 Hz. The mean
 * drift of each weight is eta rho_pre (2 rho_post tau - alpha), zero at
 * rho_post = rho0 = 10 Hz: from no inhibition (49 Hz, above the target)
 * the weights grow; from inhibition strong enough to silence the neurons
 * (0 Hz, below it) they shrink; both runs settle near 10 Hz (measured over
 * 10 s, after 16 s of learning at eta = 0.05).
 */
function inhibited(w0: number) {
  const genome = parseGenome({
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    seed: 3,
    dt_ms: 0.5,
    populations: [
      { name: 'I', size: 100, sign: 'inhibitory', neuron: { model: 'spike_source', rate_hz: 10 } },
      { name: 'E', size: 10, sign: 'excitatory', neuron: { model: 'lif', i_bias_mV: 25 } },
    ],
    projections: [
      {
        source: 'I',
        target: 'E',
        connectivity: { kind: 'probability', p: 1 },
        weight: { kind: 'constant', value: w0 },
        plasticity: { rule: 'vogels', eta: 0.05, target_rate_hz: 10, w_min: 0, w_max: 10 },
      },
    ],
  });
  return new CpuEngine(buildConnectome(genome), { recordSpikes: false });
}

/** Mean rate of E (Hz) over `steps` steps of 0.5 ms. */
function rateOfE(engine: CpuEngine, steps: number): number {
  engine.takeFrame();
  engine.step(steps);
  return engine.takeFrame().populationSpikes[1] / (10 * steps * 0.0005);
}

const meanWeight = (engine: CpuEngine) => engine.state.synapses.weight.reduce((a, b) => a + b, 0) / 1000;

describe('Vogels inhibitory plasticity drives the target rate to rho0 = 10 Hz', () => {
  it('strengthens inhibition from 0 while E fires above 10 Hz (49 Hz), then holds E within 10 +- 3 Hz', () => {
    const engine = inhibited(0);
    expect(rateOfE(engine, 2_000)).toBeGreaterThan(30);
    engine.step(30_000);
    expect(meanWeight(engine)).toBeGreaterThan(0.5);
    expect(Math.abs(rateOfE(engine, 20_000) - 10)).toBeLessThan(3);
  });

  it('weakens inhibition from 2 while E is silent (below 10 Hz), then holds E within 10 +- 3 Hz', () => {
    const engine = inhibited(2);
    expect(rateOfE(engine, 2_000)).toBeLessThan(1);
    engine.step(30_000);
    expect(meanWeight(engine)).toBeLessThan(1.5);
    expect(Math.abs(rateOfE(engine, 20_000) - 10)).toBeLessThan(3);
  });
});
