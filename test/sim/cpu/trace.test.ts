import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif } from './fixtures';
import { spikeSteps } from './pairs';

/**
 * Traces (trace.ts): x decays by exp(-dt / tau) per step and jumps at each
 * spike, +1 (add) or to 1 (set), after the step's rules have read it. The
 * neuron 'cell' (bias 30 mV, tau_m 20 ms, t_ref 2 ms, dt 0.1 ms) fires at
 * ~13.9 ms and again ~15.9 ms later (only once in the first second with
 * t_ref 1 s); 'quiet' never fires. A plastic
 * projection cell -> quiet makes both keep traces.
 */
function traced(mode: 'add' | 'set', tau_ms = 20, plastic = true, t_ref_ms = 2) {
  return new CpuEngine(
    handConnectome({
      populations: [{ ...lif('cell', 1, { i_bias_mV: 30, t_ref_ms }), trace: { tau_ms, mode } }, lif('quiet', 1)],
      projections: [{ source: 'cell', target: 'quiet', plasticity: plastic ? { rule: 'stdp' } : undefined, synapses: [{ from: 0, to: 0, weight: 0.1, delaySteps: 1 }] }],
    }),
  );
}

describe('spike traces', () => {
  // 200 roundings of an f32 decay factor: relative error below 200 x 2^-24 = 1.2e-5.
  it('decays from 1 at the spike to exp(-20 / 10) = 0.135 200 steps (20 ms) later with tau 10 ms', () => {
    const engine = traced('add', 10, true, 1000);
    engine.step(150);
    const [[spike]] = spikeSteps(engine, 2);
    engine.step(spike + 200 - 149);
    expect(Math.abs(engine.state.trace[0] / Math.exp(-2) - 1)).toBeLessThan(1.2e-5);
  });

  it('adds: after the second spike x = 1 + exp(-ISI / 20 ms) ~ 1.45; sets: x = 1', () => {
    for (const mode of ['add', 'set'] as const) {
      const engine = traced(mode);
      engine.step(300);
      const [steps] = spikeSteps(engine, 2);
      expect(steps.length).toBe(2);
      // Read at the second spike's own step.
      const at = traced(mode);
      at.step(steps[1] + 1);
      const expected = mode === 'add' ? 1 + Math.exp((-(steps[1] - steps[0]) * 0.1) / 20) : 1;
      expect(at.state.trace[0]).toBeCloseTo(expected, 5);
    }
  });

  it('is not kept where no rule reads it: without plasticity the trace stays 0 after spikes', () => {
    const engine = traced('add', 20, false);
    engine.step(300);
    expect(spikeSteps(engine, 2)[0].length).toBe(2);
    expect(engine.state.trace[0]).toBe(0);
  });
});
