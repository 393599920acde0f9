import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif, sources } from './fixtures';

const DT_MS = 0.1;

/** Spike times (ms) of a lone LIF neuron under constant drive over `steps` steps. */
function spikeTimesMs(neuron: Parameters<typeof lif>[2], steps: number): number[] {
  const engine = new CpuEngine(handConnectome({ populations: [lif('cell', 1, neuron)], dt_ms: DT_MS }));
  engine.step(steps);
  return Array.from(engine.takeFrame().spikeStep, (s) => s * DT_MS);
}

describe('LIF integration', () => {
  // tau_m dv/dt = v_inf - v from v_reset reaches v_thresh after tau_m ln((v_inf - v_reset) / (v_inf - v_thresh)),
  // after t_ref at reset: ISI = 2 + 20 ln(20 / 5) = 29.726 ms, a rate of 33.64 Hz.
  it('fires every t_ref + tau_m ln((v_inf - v_reset) / (v_inf - v_thresh)) = 29.726 ms within one step under i_bias = 20 mV', () => {
    const neuron = { tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, i_bias_mV: 20 };
    const expectedIsiMs = 2 + 20 * Math.log(20 / 5);
    const times = spikeTimesMs(neuron, 10_000);
    // 1 s holds about 1000 / 29.726 = 33.6 intervals.
    expect(times.length).toBeGreaterThanOrEqual(33);
    for (let k = 1; k < times.length; k++) expect(Math.abs(times[k] - times[k - 1] - expectedIsiMs)).toBeLessThan(DT_MS);
  });

  // Same closed form with a long refractory period: 10 + 10 ln(30 / 10) = 20.986 ms.
  it('holds the neuron for t_ref: ISI = 10 + 10 ln(30 / 10) = 20.986 ms within one step with t_ref = 10 ms, tau_m = 10 ms', () => {
    const neuron = { tau_m_ms: 10, v_rest_mV: -70, v_reset_mV: -70, v_thresh_mV: -50, t_ref_ms: 10, i_bias_mV: 30 };
    const expectedIsiMs = 10 + 10 * Math.log(30 / 10);
    const times = spikeTimesMs(neuron, 5_000);
    expect(times.length).toBeGreaterThan(20);
    for (let k = 1; k < times.length; k++) expect(Math.abs(times[k] - times[k - 1] - expectedIsiMs)).toBeLessThan(DT_MS);
  });

  // tau_m = 1 ms, i_bias = 200 mV: one free step moves v from -65 by 200 (1 - e^-0.1) = 19 mV, past threshold,
  // so the neuron fires at the first step it integrates. Held through s + 1 .. s + 19, it fires at s + 20.
  it('fires every refSteps = round(t_ref / dt) = 20 steps when one free step suffices to reach threshold', () => {
    const steps = spikeTimesMs({ tau_m_ms: 1, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, i_bias_mV: 200 }, 1_000).map((t) => Math.round(t / DT_MS));
    expect(steps.slice(0, 4)).toEqual([0, 20, 40, 60]);
    expect(steps.length).toBe(50);
  });

  // Rheobase: v_inf = v_rest + i_bias = -50.01 mV < v_thresh = -50 mV, so v approaches v_inf from below and never fires.
  it('stays silent for 10 s just below rheobase (v_inf = -50.01 mV < v_thresh = -50 mV) and settles at v_inf', () => {
    const engine = new CpuEngine(handConnectome({ populations: [lif('cell', 1, { v_rest_mV: -65, v_thresh_mV: -50, i_bias_mV: 14.99 })] }));
    engine.step(100_000);
    expect(engine.takeFrame().spikeNeuron.length).toBe(0);
    // v is f32: it stops moving once a step's change, (v - v_inf)(1 - alpha_m), is below half an ulp
    // (1.9e-6 mV at 50 mV), i.e. within 1.9e-6 / (1 - exp(-0.1 / 20)) = 0.00038 mV of v_inf.
    expect(Math.abs(engine.state.v[0] - -50.01)).toBeLessThan(0.0004);
  });

  // With conductances g = 1 + gE + gI: v_inf = (v_rest + gE e_exc + gI e_inh) / g
  // = (-65 + 0.5 * 0 + 0.5 * -80) / 2 = -52.5 mV, approached with time constant tau_m / g = 10 ms.
  it('settles at v_inf = (v_rest + gE e_exc + gI e_inh) / (1 + gE + gI) = -52.5 mV with time constant tau_m / g = 10 ms under clamped gE = gI = 0.5', () => {
    const connectome = handConnectome({
      populations: [sources('drive', 1, 'regular', 0), lif('cell', 1, { tau_m_ms: 20, v_rest_mV: -65, v_thresh_mV: -50, e_exc_mV: 0, e_inh_mV: -80 })],
      projections: [{ source: 'drive', target: 'cell', synapse: 'conductance', synapses: [] }],
    });
    const engine = new CpuEngine(connectome);
    const cell = 1;
    const vInf = -52.5;
    const clampedSteps = (steps: number) => {
      for (let k = 0; k < steps; k++) {
        engine.state.gE[cell] = 0.5;
        engine.state.gI[cell] = 0.5;
        engine.step(1);
      }
    };
    clampedSteps(100);
    // After one time constant (10 ms) the distance from v_inf has shrunk by e: (-65 - -52.5) / e.
    expect(engine.state.v[cell] - vInf).toBeCloseTo(-12.5 / Math.E, 4);
    clampedSteps(2_000);
    // f32 stalls within half an ulp / (1 - exp(-dt g / tau_m)) = 1.9e-6 / 0.00995 = 0.00019 mV of v_inf.
    expect(Math.abs(engine.state.v[cell] - vInf)).toBeLessThan(0.0002);
  });

  // Without a conductance-based projection the step factor is exp(-dt / tau_m): after tau_m = 20 ms,
  // v - v_inf = (v0 - v_inf) / e with v0 = -65, v_inf = v_rest + i_bias = -55 mV.
  it('relaxes by 1/e per tau_m = 20 ms toward v_inf = -55 mV (current-based, no spike below threshold)', () => {
    const engine = new CpuEngine(handConnectome({ populations: [lif('cell', 1, { tau_m_ms: 20, v_rest_mV: -65, i_bias_mV: 10 })] }));
    engine.step(200);
    expect(engine.state.v[0] - -55).toBeCloseTo(-10 / Math.E, 4);
  });
});
