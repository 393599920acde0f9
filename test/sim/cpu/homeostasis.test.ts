import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, izhikevich, lif } from './fixtures';
import { spikeSteps } from './pairs';

/**
 * Adaptive threshold (Diehl & Cook 2015): a LIF neuron fires at
 * v_thresh + theta; theta gains theta_plus at each spike and decays with
 * tau_theta. The neuron below (v_rest -65 mV, threshold -50 mV, bias 30 mV,
 * tau_m 20 ms, dt 0.1 ms) relaxes toward v_inf = -35 mV, so from reset it
 * reaches a threshold raised by theta after T = 20 ln(30 / (15 - theta)) ms.
 */
const biased = (adaptive: { theta_plus_mV: number; tau_theta_ms: number }, t_ref_ms: number) =>
  new CpuEngine(handConnectome({ populations: [{ ...lif('cell', 1, { i_bias_mV: 30, t_ref_ms }), adaptive_threshold: adaptive }] }));

describe('adaptive threshold', () => {
  // tau_theta = 1e7 ms: exp(-0.1 / 1e7) rounds to 1 in f32, so theta is exactly k mV after k spikes.
  it('rises by theta_plus = 1 mV per spike, and each interval grows to t_ref + 20 ln(30 / (15 - k)) ms after k spikes (within one 0.1 ms step)', () => {
    const engine = biased({ theta_plus_mV: 1, tau_theta_ms: 1e7 }, 2);
    engine.step(1_000);
    const [steps] = spikeSteps(engine, 1);
    expect(steps.length).toBe(5);
    expect(engine.state.theta[0]).toBe(5);
    for (let k = 1; k < steps.length; k++) {
      const intervalMs = (steps[k] - steps[k - 1]) * 0.1;
      expect(Math.abs(intervalMs - (2 + 20 * Math.log(30 / (15 - k))))).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });

  // One spike near 13.9 ms, then a 1 s refractory period: theta only decays, to 2 exp(-50 / 50) 50 ms later.
  it('recovers with tau_theta = 50 ms: 2 mV after the spike, 2 exp(-1) = 0.736 mV 500 steps later (f32 decay, within 3e-5 relative)', () => {
    const engine = biased({ theta_plus_mV: 2, tau_theta_ms: 50 }, 1000);
    engine.step(300);
    const [[spike]] = spikeSteps(engine, 1);
    engine.step(spike + 500 - 299);
    expect(Math.abs(engine.state.theta[0] / (2 * Math.exp(-1)) - 1)).toBeLessThan(3e-5);
  });

  // parseGenome refuses this genome since it checks adaptive thresholds itself; the engine still guards a connectome whose genome skipped validation.
  it('is refused on Izhikevich neurons at construction, naming the population', () => {
    const connectome = handConnectome({ populations: [lif('a', 1), izhikevich('z', 2)] });
    connectome.genome.populations[1].adaptive_threshold = { theta_plus_mV: 1, tau_theta_ms: 1e7 };
    expect(() => new CpuEngine(connectome)).toThrow('populations[1].adaptive_threshold: "z" has izhikevich neurons; an adaptive threshold needs LIF neurons');
  });
});
