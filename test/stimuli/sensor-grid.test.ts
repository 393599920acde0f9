import { describe, expect, it } from 'vitest';
import { checkShape, resampleArea, sensorShape } from '@/stimuli';

describe('resampleArea', () => {
  it('averages 2x2 blocks when halving a 4x4 grid of 0..15: 2.5, 4.5, 10.5, 12.5', () => {
    const values = Float32Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(resampleArea(values, { width: 4, height: 4 }, { width: 2, height: 2 }))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('weights partial overlaps: [0, 3, 6] onto 2 cells gives (0 + 3/2) / 1.5 = 1 and (3/2 + 6) / 1.5 = 5', () => {
    const out = resampleArea(Float32Array.from([0, 3, 6]), { width: 3, height: 1 }, { width: 2, height: 1 });
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(5, 6);
  });

  it('samples up: [0, 1] onto 4 cells repeats each, [0, 3] onto 3 gives the middle cell half of each, 1.5', () => {
    expect(Array.from(resampleArea(Float32Array.from([0, 1]), { width: 2, height: 1 }, { width: 4, height: 1 }))).toEqual([0, 0, 1, 1]);
    const out = resampleArea(Float32Array.from([0, 3]), { width: 2, height: 1 }, { width: 3, height: 1 });
    expect(Array.from(out, (v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 1.5, 3]);
  });

  it('keeps the mean: any 28x28 grid onto 10x7 has the same mean (area averaging conserves the integral)', () => {
    const values = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 101) / 100);
    const out = resampleArea(values, { width: 28, height: 28 }, { width: 10, height: 7 });
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(values), 5);
  });

  it('copies a grid onto its own size exactly, into a new array', () => {
    const values = Float32Array.from([0.1, 0.2, 0.3]);
    const out = resampleArea(values, { width: 3, height: 1 }, { width: 3, height: 1 });
    expect(out).toEqual(values);
    expect(out).not.toBe(values);
  });
});

describe('checkShape', () => {
  it('counts the cells of a 28x28 grid (784) and a line of 16 (16x1)', () => {
    expect(checkShape({ width: 28, height: 28 }, 'f')).toBe(784);
    expect(checkShape({ width: 16, height: 1 }, 'f')).toBe(16);
  });

  it('refuses a side of 0, NaN or 2.5, and more cells than a population holds (2,000,000), naming the side', () => {
    expect(() => checkShape({ width: 0, height: 4 }, 'f')).toThrow(new RangeError('f: shape.width must be a whole number >= 1, got 0'));
    expect(() => checkShape({ width: 4, height: NaN }, 'f')).toThrow('f: shape.height must be a whole number >= 1, got NaN');
    expect(() => checkShape({ width: 2.5, height: 4 }, 'f')).toThrow('shape.width');
    expect(() => checkShape({ width: 2000, height: 2000 }, 'f')).toThrow('f: shape 2000x2000 has 4000000 cells, more than the limit 2000000');
  });
});

describe('sensorShape', () => {
  it('is the grid of a grid population and n x 1 for a line of n', () => {
    expect(sensorShape({ kind: 'grid', width: 28, height: 14 }, 392)).toEqual({ width: 28, height: 14 });
    expect(sensorShape({ kind: 'line' }, 16)).toEqual({ width: 16, height: 1 });
  });
});
