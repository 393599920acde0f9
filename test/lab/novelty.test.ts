import { describe, expect, it } from 'vitest';
import { runNovelty } from '@/lab/novelty';

describe('runNovelty: new passes, repeats habituate, a partial match drives the mismatch population (seed 1)', async () => {
  const result = await runNovelty({ seed: 1 });
  const memory = result.curve.map((p) => p.memory_hz);

  it('passes a new pattern and habituates its repeats: O at 6.3 Hz the first time, 1.3 Hz over the last 3 of 6 repeats (measured)', () => {
    expect(result.novel_response_hz).toBeGreaterThan(2 * result.repeat_response_hz);
  });

  it('still passes a pattern it has never seen after X has habituated: O at 4.7 Hz for Y (measured), so the repeat fell by habituation, not fatigue', () => {
    expect(result.control_response_hz).toBeGreaterThan(2 * result.repeat_response_hz);
  });

  it('stores the pattern in M: M answers X at 18.8 Hz the first time and 103.5 Hz at the 6th repeat (measured)', () => {
    expect(memory[6]).toBeGreaterThan(3 * memory[0]);
  });

  it('drives N with a partial match: 33.9 Hz for half of X plus new inputs, against 2.2 for X repeated, 0 for X new and 2.5 for Y new (measured)', () => {
    const others = Math.max(result.repeat_inhibitory_hz, result.novel_inhibitory_hz, result.control_inhibitory_hz);
    expect(result.partial_inhibitory_hz).toBeGreaterThan(2 * result.repeat_inhibitory_hz);
    expect(result.partial_inhibitory_hz).toBeGreaterThan(others + 10);
  });

  it('shows 12 patterns in order: X new, 6 repeats, Y, 4 partials', () => {
    expect(result.curve.map((p) => p.kind)).toEqual(['novel', ...Array(6).fill('repeat'), 'control', ...Array(4).fill('partial')]);
  });
});
