import { describe, expect, it } from 'vitest';
import { strokePattern } from '@/stimuli';

const grid20 = { width: 20, height: 20 };
const at = (a: Float32Array, x: number, y: number) => a[y * 20 + x];

describe('strokePattern', () => {
  it('paints a dot with a brush of 0.1 (2 cells, fade 1 cell): 1 within 1 cell, (2 - d) beyond, 0 past 2', () => {
    const out = strokePattern(grid20, [[{ x: 0.5, y: 0.5 }]], { radius: 0.1 });
    expect(at(out, 9, 9)).toBe(1);
    // Cell (8, 9) has its centre d = sqrt(1.5^2 + 0.5^2) = 1.581 cells from (10, 10).
    expect(at(out, 8, 9)).toBeCloseTo(2 - Math.hypot(1.5, 0.5), 6);
    expect(at(out, 7, 9)).toBe(0);
  });

  it('paints along a segment: a horizontal line at y = 0.5 lights rows 9 and 10 (d = 0.5), row 8 at 0.5 (d = 1.5), row 7 not', () => {
    const out = strokePattern(grid20, [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.5 }]], { radius: 0.1 });
    for (const x of [2, 10, 17]) {
      expect(at(out, x, 9)).toBe(1);
      expect(at(out, x, 10)).toBe(1);
      expect(at(out, x, 8)).toBeCloseTo(0.5, 6);
      expect(at(out, x, 7)).toBe(0);
    }
  });

  it('fades over half a wide brush: radius 0.25 (5 cells) is full to 2.5 cells and 0.5 at 3.75', () => {
    const out = strokePattern(grid20, [[{ x: 0, y: 0.5 }, { x: 1, y: 0.5 }]], { radius: 0.25 });
    // Row 7's centres lie 2.5 cells from y = 10, row 6's 3.5: (5 - 3.5) / 2.5 = 0.6.
    expect(at(out, 10, 7)).toBe(1);
    expect(at(out, 10, 6)).toBeCloseTo(0.6, 6);
  });

  it('keeps the brighter where strokes cross, never more than 1', () => {
    const strokes = [
      [{ x: 0, y: 0.5 }, { x: 1, y: 0.5 }],
      [{ x: 0.5, y: 0 }, { x: 0.5, y: 1 }],
    ];
    const out = strokePattern(grid20, strokes, { radius: 0.1 });
    expect(Math.max(...out)).toBe(1);
    expect(at(out, 10, 10)).toBe(1);
    expect(at(out, 10, 8)).toBeCloseTo(1, 6);
  });

  it('paints nothing without strokes', () => {
    expect(strokePattern(grid20, [], { radius: 0.1 }).every((v) => v === 0)).toBe(true);
  });

  it('refuses points outside the unit square or NaN, and a brush radius outside (0, 0.5], naming them', () => {
    expect(() => strokePattern(grid20, [[{ x: 0.5, y: 0.5 }, { x: 1.2, y: 0.5 }]], { radius: 0.1 })).toThrow(new RangeError('strokePattern: strokes[0][1].x must be in [0, 1], got 1.2'));
    expect(() => strokePattern(grid20, [[], [{ x: 0.5, y: NaN }]], { radius: 0.1 })).toThrow('strokePattern: strokes[1][0].y must be in [0, 1], got NaN');
    expect(() => strokePattern(grid20, [], { radius: 0 })).toThrow('strokePattern: brush.radius must be in (0, 0.5], got 0');
  });
});
