import { describe, expect, it } from 'vitest';
import { runPunishment } from '@/lab/punishment';

describe('runPunishment: an aversion population learns to silence the punished stimulus (seed 1, 20 punishments)', async () => {
  const punished = await runPunishment({ seed: 1 });
  // The same showings with no aversion pulse: the gated weights have nothing to move them.
  const control = await runPunishment({ seed: 1, aversionLevel: 0 });

  it("halves O's response to the punished stimulus at least: 20.4 Hz before, 1.2 Hz after (measured, 0.06 kept; seeds 1-10: 0.06 to 0.27)", () => {
    expect(punished.response_before_hz.punished).toBeGreaterThan(10);
    expect(punished.punished_kept).toBeLessThanOrEqual(0.5);
  });

  it('leaves the unpunished stimulus its own response within 20 %: 30.3 Hz before, 26.9 Hz after (measured, 0.89 kept; seeds 1-10: 0.88 to 0.99)', () => {
    expect(punished.unpunished_kept).toBeGreaterThanOrEqual(0.8);
    expect(punished.unpunished_kept).toBeLessThanOrEqual(1.2);
  });

  it('does it through the aversion population: its answer to P rises from 9.4 to 46.8 Hz, to U only from 8.4 to 11.0 Hz (measured)', () => {
    expect(punished.aversion_after_hz.punished).toBeGreaterThan(2 * punished.aversion_before_hz.punished);
    expect(punished.aversion_after_hz.unpunished).toBeLessThan(1.5 * punished.aversion_before_hz.unpunished);
  });

  it('changes nothing without the aversion pulse: P keeps 0.92 of its response (measured; at least 0.8)', () => {
    expect(control.punished_kept).toBeGreaterThanOrEqual(0.8);
    expect(control.aversion_after_hz.punished).toBeLessThan(1.5 * control.aversion_before_hz.punished);
  });

  it('records one training point per punishment: 20 points, punishments 1..20', () => {
    expect(punished.curve.map((p) => p.punishments)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
