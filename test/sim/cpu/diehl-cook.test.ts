import { describe, expect, it } from 'vitest';
import { pairConnectome, runPair, traceAfter } from './pairs';

/**
 * Diehl & Cook (2015), eq. 5: at a post spike dw = eta_post (x_pre - x_tar)
 * (w_max - w)^mu; a pre spike changes no weight. With x_pre ~ 0.5 at the
 * pairing (pairs.ts), x_tar = 0.3 potentiates and x_tar = 0.7 depresses.
 * Tolerance 5e-7 as in stdp.test.ts (f32 weight, f32 trace).
 */
const W0 = 0.5;
const rule = (x_tar: number) => ({ rule: 'diehl_cook' as const, eta_post: 0.05, x_tar, mu: 0.2, w_min: 0, w_max: 1 });
const expected = (xPre: number, xTar: number) => 0.05 * (xPre - xTar) * Math.pow(1 - W0, 0.2);

describe('Diehl & Cook presynaptic-trace rule', () => {
  it('potentiates when x_pre > x_tar: dw = 0.05 (x_pre - 0.3) 0.5^0.2 > 0', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('pre-then-post', W0, rule(0.3)));
    const xPre = traceAfter(postStep - preStep, 20);
    expect(xPre).toBeGreaterThan(0.3);
    expect(weight - W0).toBeGreaterThan(0);
    expect(weight - W0).toBeCloseTo(expected(xPre, 0.3), 6);
  });

  it('depresses when x_pre < x_tar: dw = 0.05 (x_pre - 0.7) 0.5^0.2 < 0', () => {
    const { preStep, postStep, weight } = runPair(pairConnectome('pre-then-post', W0, rule(0.7)));
    const xPre = traceAfter(postStep - preStep, 20);
    expect(xPre).toBeLessThan(0.7);
    expect(weight - W0).toBeLessThan(0);
    expect(weight - W0).toBeCloseTo(expected(xPre, 0.7), 6);
  });

  it('depresses an input that never fired before the post spike by eta x_tar (w_max - w)^mu: x_pre = 0', () => {
    // Post fires first, so x_pre = 0 at its spike; the later pre spike moves no weight.
    const { weight } = runPair(pairConnectome('post-then-pre', W0, rule(0.4)));
    expect(weight - W0).toBeCloseTo(expected(0, 0.4), 6);
  });
});
