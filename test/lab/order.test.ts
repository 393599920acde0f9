import { describe, expect, it } from 'vitest';
import { range, shuffled } from '@/lab';

describe('shuffled', () => {
  it('is a permutation of 0..99 that repeats for the same seed and epoch', () => {
    const a = shuffled(range(100), 7, 0);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(range(100)));
    expect(shuffled(range(100), 7, 0)).toEqual(a);
  });

  it('differs between epochs and between seeds (fewer than 10 of 100 places agree)', () => {
    const a = shuffled(range(100), 7, 0);
    const same = (b: Uint32Array) => a.filter((v, i) => v === b[i]).length;
    // Two independent permutations share about one fixed place on average.
    expect(same(shuffled(range(100), 7, 1))).toBeLessThan(10);
    expect(same(shuffled(range(100), 8, 0))).toBeLessThan(10);
  });
});
