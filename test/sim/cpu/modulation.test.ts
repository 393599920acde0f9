import { describe, expect, it } from 'vitest';
import type { ModulatorName } from '@/model';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome } from './fixtures';
import { PAIR_DT_MS, PAIR_STEPS, QUIET_STEPS, pairConnectome, pairNeuron, spikeSteps, traceAfter } from './pairs';

/**
 * Three-factor STDP (modulation.ts): the pair's change a_plus w_max x_pre
 * goes into the synapse's eligibility e, which decays with tau_e = 100 ms;
 * each step the weight moves by learning_rate e M dt with M the modulator's
 * level, and M decays with its own tau (200 ms by default).
 */
const W0 = 0.5;
const TAU_E_MS = 100;
const LEARNING_RATE = 0.5;
const stdp = (modulator: ModulatorName) => ({
  rule: 'stdp' as const,
  a_plus: 0.1,
  a_minus: 0.12,
  w_min: 0,
  w_max: 1,
  modulation: { modulator, tau_eligibility_ms: TAU_E_MS, learning_rate: LEARNING_RATE },
});

/** A pre-then-post pair whose change waits in eligibility; returns the engine at PAIR_STEPS and e's expected value there. */
function taggedPair(modulator: ModulatorName = 'dopamine') {
  const engine = new CpuEngine(pairConnectome('pre-then-post', W0, stdp(modulator)));
  engine.step(PAIR_STEPS);
  const [[pre], [post]] = spikeSteps(engine, 2);
  // Tagged at the post spike, then decayed once per step from that step on, that one included.
  const e = 0.1 * 1 * traceAfter(post - pre, 20) * traceAfter(PAIR_STEPS - post, TAU_E_MS);
  return { engine, e };
}

describe('eligibility and modulators', () => {
  it('tags the synapse with e = a_plus w_max x_pre exp(-(T - t_post) dt / tau_e) and moves no weight without a modulator, over the following 0.97 s', () => {
    const { engine, e } = taggedPair();
    expect(engine.state.eligibility[0]).toBeCloseTo(e, 6);
    engine.step(QUIET_STEPS - PAIR_STEPS);
    expect(engine.state.synapses.weight[0]).toBe(W0);
  });

  // The decay factor is held in f32: 500 roundings of it allow a relative error of 500 x 2^-24 = 3e-5.
  it('decays e with tau_e: 500 steps (50 ms) multiply it by exp(-50 / 100) = 0.607, within 3e-5', () => {
    const { engine } = taggedPair();
    const before = engine.state.eligibility[0];
    engine.step(500);
    expect(Math.abs(engine.state.eligibility[0] / before / Math.exp(-50 / TAU_E_MS) - 1)).toBeLessThan(3e-5);
  });

  it('with dopamine set to M = 2, one step moves the weight by learning_rate x e x M x dt = 0.5 x e x 2 x 0.1', () => {
    const { engine, e } = taggedPair();
    engine.setModulator('dopamine', 2);
    engine.step(1);
    // e decays once before it is used in the step.
    const eUsed = e * traceAfter(1, TAU_E_MS);
    expect(engine.state.synapses.weight[0] - W0).toBeCloseTo(LEARNING_RATE * eUsed * 2 * PAIR_DT_MS, 7);
  });

  // 2,000 roundings of the f32 decay factor allow a relative error of 2,000 x 2^-24 = 1.2e-4.
  it('reports the level at the frame\'s end: 2 decays to 2 exp(-0.1 / 200) after one step and to 2 exp(-1) after 2,000, within 1.2e-4', () => {
    const { engine } = taggedPair();
    engine.takeFrame();
    engine.setModulator('dopamine', 2);
    engine.step(1);
    expect(engine.takeFrame().modulators[0]).toBeCloseTo(2 * Math.exp(-0.1 / 200), 6);
    engine.step(1_999);
    const frame = engine.takeFrame();
    expect(Math.abs(frame.modulators[0] / (2 * Math.exp(-1)) - 1)).toBeLessThan(1.2e-4);
    expect(frame.modulators[1]).toBe(0);
  });

  it('gates by modulator: an aversion pulse moves only the projection modulated by aversion', () => {
    const engine = new CpuEngine(
      handConnectome({
        dt_ms: PAIR_DT_MS,
        populations: [pairNeuron('pre', 'early'), pairNeuron('rewarded', 'late'), pairNeuron('punished', 'late')],
        projections: [
          { source: 'pre', target: 'rewarded', plasticity: stdp('dopamine'), synapses: [{ from: 0, to: 0, weight: W0, delaySteps: 1 }] },
          { source: 'pre', target: 'punished', plasticity: stdp('aversion'), synapses: [{ from: 0, to: 0, weight: W0, delaySteps: 1 }] },
        ],
      }),
    );
    engine.step(PAIR_STEPS);
    const { eligibility, synapses } = engine.state;
    expect(eligibility[0]).toBeGreaterThan(0.01);
    expect(eligibility[1]).toBeGreaterThan(0.01);
    engine.pulseModulator('aversion', 1);
    engine.pulseModulator('aversion', 1);
    engine.step(100);
    expect(synapses.weight[0]).toBe(W0);
    expect(synapses.weight[1]).toBeGreaterThan(W0 + 0.001);
  });

  it('refuses an unknown modulator and a level that is not a finite number, naming them', () => {
    const { engine } = taggedPair();
    expect(() => engine.setModulator('serotonin' as ModulatorName, 1)).toThrow('setModulator: unknown modulator "serotonin"; the modulators are dopamine, aversion');
    expect(() => engine.pulseModulator('dopamine', Number.NaN)).toThrow('pulseModulator: level NaN for "dopamine" is not a finite 32-bit number');
    expect(() => engine.setModulator('aversion', 1e39)).toThrow('setModulator: level 1e+39 for "aversion"');
  });
});
