import { describe, expect, it } from 'vitest';
import { drawFromWords, uniformIndex } from '@/sim/build/distributions';
import { philox4x32 } from '@/sim';

describe('draws from Philox words', () => {
  it('maps the extreme words of uniformIndex to 0 and n - 1 (n = 2,000,000)', () => {
    expect(uniformIndex(0, 0, 2_000_000)).toBe(0);
    expect(uniformIndex(0xffffffff, 0xffffffff, 2_000_000)).toBe(1_999_999);
  });

  it('spreads uniformIndex(n = 3) evenly: each value 1/3 of 30,000 draws within 5 se (0.0027)', () => {
    const words = new Uint32Array(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      philox4x32(i, 0, 0, 0, 5, 6, words);
      counts[uniformIndex(words[0], words[1], 3)]++;
    }
    for (const k of counts) expect(Math.abs(k / 30_000 - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / 30_000));
  });

  it('reads a uniform from word 0 (0x80000000 is the midpoint: 2 + 4 x 0.5 = 4) and clips a normal to its bounds', () => {
    expect(drawFromWords({ kind: 'uniform', min: 2, max: 6 }, 0x80000000, 0)).toBe(4);
    // Word 0 = 0xffffffff gives u = 1, so the Box-Muller radius is 0 and the draw is the mean, 3, clipped to max 2.
    expect(drawFromWords({ kind: 'normal', mean: 3, sd: 1, max: 2 }, 0xffffffff, 0)).toBe(2);
    expect(drawFromWords({ kind: 'normal', mean: 3, sd: 1, min: 4 }, 0xffffffff, 0)).toBe(4);
    expect(drawFromWords({ kind: 'constant', value: 1.5 }, 123, 456)).toBe(1.5);
  });
});
