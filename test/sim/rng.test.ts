import { describe, expect, it } from 'vitest';
import { mulhi32, philox4x32, toUniform } from '@/sim/rng';

const hex = (a: Uint32Array) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');

describe('Philox4x32-10', () => {
  // Known-answer vectors from Random123's kat_vectors (philox4x32 10 rounds).
  it('matches the Random123 known-answer vectors', () => {
    const out = new Uint32Array(4);
    expect(hex(philox4x32(0, 0, 0, 0, 0, 0, out))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    expect(hex(philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out))).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(hex(philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out))).toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });

  it('computes the high word of a 32x32 product exactly', () => {
    const cases: [number, number][] = [[0xffffffff, 0xffffffff], [0xd2511f53, 0x12345678], [1, 0xffffffff], [0x80000000, 2]];
    for (const [a, b] of cases) expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
  });

  it('gives uniforms in [0, 1) with mean 1/2 and variance 1/12 over 100,000 counters', () => {
    const out = new Uint32Array(4);
    let sum = 0;
    let sumSq = 0;
    let inRange = true;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = toUniform(philox4x32(i, 7, 0, 0, 123, 4, out)[0]);
      inRange &&= u >= 0 && u < 1;
      sum += u;
      sumSq += u * u;
    }
    expect(inRange).toBe(true);
    const mean = sum / n;
    // Standard error of the mean is sqrt(1/12 / n) = 0.0009; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});
