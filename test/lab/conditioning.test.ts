import { describe, expect, it } from 'vitest';
import { CRITERION_WINDOW, runConditioning, stimulusOrder } from '@/lab/conditioning';

describe('runConditioning: dopamine teaches stimulus 0 -> A, stimulus 1 -> B (seed 1, 100 trials)', async () => {
  const learned = await runConditioning({ seed: 1, trials: 100 });
  // The same network, inputs and order with the dopamine switched off: tags are made but never turned into weight.
  const control = await runConditioning({ seed: 1, trials: 100, rewardLevel: 0, dipLevel: 0 });

  it('starts near chance: 0.45 right over the first 20 trials (measured; initial weights equal within 10 %, the noise picks the winner)', () => {
    expect(learned.accuracy_first_20).toBeGreaterThanOrEqual(0.2);
    expect(learned.accuracy_first_20).toBeLessThanOrEqual(0.8);
  });

  it('reaches the criterion, 18 of the last 20 right, at trial 39 (measured; seeds 1-20: 26 to 61)', () => {
    expect(learned.trials_to_criterion).not.toBeNull();
    expect(learned.trials_to_criterion!).toBeGreaterThanOrEqual(CRITERION_WINDOW);
    expect(learned.trials_to_criterion!).toBeLessThanOrEqual(80);
  });

  it('holds what it learned: 1.0 right over the last 20 trials (measured; criterion 0.9)', () => {
    expect(learned.accuracy_last_20).toBeGreaterThanOrEqual(0.9);
  });

  it('learns nothing without dopamine: the control never reaches 0.9 (best rolling accuracy 0.75, last 20 trials 0.35, measured)', () => {
    expect(control.trials_to_criterion).toBeNull();
    expect(control.accuracy_last_20).toBeLessThanOrEqual(0.75);
  });

  it('draws the curve: one point per trial (samples 1..100), each the fraction right over the trials 20 back', () => {
    expect(learned.curve.map((p) => p.samples)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const at = 60;
    const window = learned.correct.slice(at - CRITERION_WINDOW, at);
    expect(learned.curve[at - 1].accuracy).toBe(window.reduce((a, b) => a + b, 0) / CRITERION_WINDOW);
    expect(learned.curve[0].accuracy).toBe(learned.correct[0]);
  });
});

describe('stimulusOrder', () => {
  it('balances every block of 20 trials: ten of each stimulus, 25 trials -> 10 + 10 in the first block', () => {
    const order = stimulusOrder(25, 7);
    expect(order.length).toBe(25);
    expect(order.subarray(0, 20).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('repeats from its seed and changes with it (seeds 7 and 8 give different orders of 40 trials)', () => {
    expect(Array.from(stimulusOrder(40, 7))).toEqual(Array.from(stimulusOrder(40, 7)));
    expect(Array.from(stimulusOrder(40, 7))).not.toEqual(Array.from(stimulusOrder(40, 8)));
  });
});
