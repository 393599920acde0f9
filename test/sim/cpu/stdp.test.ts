import { describe, expect, it } from 'vitest';
import { pairConnectome, runPair, traceAfter } from './pairs';

/**
 * Pair STDP, Song, Miller & Abbott (2000) on traces (Morrison et al. 2008):
 * the closed forms of src/sim/cpu/stdp.ts with x = exp(-D dt / 20 ms).
 * Tolerance 5e-7: the weight is f32 (ulp 6e-8 at 0.5) and the trace is
 * decayed D ~ 138 times in f32 (relative error < 1e-5 of a change < 0.05).
 */
const W0 = 0.5;
const TOLERANCE_DIGITS = 6;

describe('STDP, additive', () => {
  const rule = { rule: 'stdp' as const, form: 'additive' as const, a_plus: 0.1, a_minus: 0.12, w_min: 0, w_max: 1 };

  it('potentiates a pre-then-post pair D steps apart by a_plus w_max exp(-D dt / tau) = 0.1 x 1 x ~0.5', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('pre-then-post', W0, rule));
    const d = postStep - preStep;
    expect(d).toBeGreaterThan(130);
    expect(weight - W0).toBeCloseTo(0.1 * 1 * traceAfter(d, 20), TOLERANCE_DIGITS);
  });

  it('depresses a post-then-pre pair by a_minus w_max exp(-D dt / tau) = 0.12 x 1 x ~0.5', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('post-then-pre', W0, rule));
    const d = preStep - postStep;
    expect(d).toBeGreaterThan(130);
    expect(weight - W0).toBeCloseTo(-0.12 * 1 * traceAfter(d, 20), TOLERANCE_DIGITS);
  });

  it('clips at w_max: a_plus = 1 from w = 0.9 would add ~0.5 but the weight stops at 1', () => {
    const { weight } = runPair(pairConnectome('pre-then-post', 0.9, { ...rule, a_plus: 1 }));
    expect(weight).toBe(1);
  });
});

describe('STDP, multiplicative (soft bounds)', () => {
  const rule = { rule: 'stdp' as const, form: 'multiplicative' as const, a_plus: 0.1, a_minus: 0.12, w_min: 0.2, w_max: 1 };

  it('potentiates pre-then-post by a_plus (w_max - w) x_pre = 0.1 x 0.5 x ~0.5', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('pre-then-post', W0, rule));
    expect(weight - W0).toBeCloseTo(0.1 * (1 - W0) * traceAfter(postStep - preStep, 20), TOLERANCE_DIGITS);
  });

  it('depresses post-then-pre by a_minus (w - w_min) x_post = 0.12 x 0.3 x ~0.5', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('post-then-pre', W0, rule));
    expect(weight - W0).toBeCloseTo(-0.12 * (W0 - 0.2) * traceAfter(preStep - postStep, 20), TOLERANCE_DIGITS);
  });

  it('never crosses a bound: a_plus = 1 from w = 0.9 adds (1 - 0.9) x ~0.5, staying below w_max', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('pre-then-post', 0.9, { ...rule, a_plus: 1 }));
    expect(weight).toBeLessThan(1);
    expect(weight - 0.9).toBeCloseTo(1 * (1 - 0.9) * traceAfter(postStep - preStep, 20), TOLERANCE_DIGITS);
  });
});
