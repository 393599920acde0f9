import { describe, expect, it } from 'vitest';
import { LONG_RUN_S, shouldShowProgress } from '@/cli/progress';

describe('shouldShowProgress', () => {
  it('always shows on a terminal', () => {
    expect(shouldShowProgress(true, 0, 0)).toBe(true);
  });

  it(`off a terminal shows only runs projected past ${LONG_RUN_S} s: 2 s for 10% projects 20 s, 2 s for 50% projects 4 s`, () => {
    expect(LONG_RUN_S).toBe(10);
    expect(shouldShowProgress(false, 2, 0.1)).toBe(true);
    expect(shouldShowProgress(false, 2, 0.5)).toBe(false);
  });

  it('waits a second before trusting a projection', () => {
    expect(shouldShowProgress(false, 0.5, 0.01)).toBe(false);
  });
});
