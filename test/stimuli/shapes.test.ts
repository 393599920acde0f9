import { describe, expect, it } from 'vitest';
import { shapePattern, type ShapeSpec } from '@/stimuli';

const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
/** Cells with intensity 1, as "x,y". */
const full = (a: Float32Array, width: number) => [...a.keys()].filter((i) => a[i] === 1).map((i) => `${i % width},${Math.floor(i / width)}`);

describe('shapePattern', () => {
  const grid10 = { width: 10, height: 10 };

  it('draws a horizontal bar 0.2 thick on 10x10 as rows 4 and 5 at 1, the rest 0 (half-thickness 1 cell: centres 0.5 inside)', () => {
    const out = shapePattern(grid10, { kind: 'bar', angle_deg: 0, width: 0.2 });
    expect(full(out, 10).length).toBe(20);
    expect(full(out, 10).every((c) => c.endsWith(',4') || c.endsWith(',5'))).toBe(true);
    expect(sum(out)).toBe(20);
  });

  it('turns the bar by 90 degrees into its transpose: columns 4 and 5', () => {
    const horizontal = shapePattern(grid10, { kind: 'bar', angle_deg: 0, width: 0.2 });
    const vertical = shapePattern(grid10, { kind: 'bar', angle_deg: 90, width: 0.2 });
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) expect(vertical[y * 10 + x]).toBeCloseTo(horizontal[x * 10 + y], 6);
  });

  it('turns counter-clockwise on screen: at 45 degrees the bar runs through the top-right and bottom-left corners, not the top-left', () => {
    const out = shapePattern(grid10, { kind: 'bar', angle_deg: 45, width: 0.2 });
    expect(out[9]).toBe(1);
    expect(out[90]).toBe(1);
    expect(out[0]).toBe(0);
    expect(out[99]).toBe(0);
  });

  it('repeats every 180 degrees: a bar at 200 degrees equals one at 20', () => {
    const a = shapePattern(grid10, { kind: 'bar', angle_deg: 20, width: 0.1 });
    const b = shapePattern(grid10, { kind: 'bar', angle_deg: 200, width: 0.1 });
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
  });

  it('fills a disc of radius 0.25 on 20x20 (5 cells) with total intensity pi r^2 = 78.5, within 1.5 (anti-aliased edge)', () => {
    const out = shapePattern({ width: 20, height: 20 }, { kind: 'disc', radius: 0.25 });
    expect(Math.abs(sum(out) - Math.PI * 25)).toBeLessThan(1.5);
    expect(out[9 * 20 + 9]).toBe(1);
    expect(out[0]).toBe(0);
  });

  it('draws a ring of radius 0.3 and width 0.1 on 20x20 (6 and 2 cells) with total 2 pi r w = 75.4 within 2, and a dark centre', () => {
    const out = shapePattern({ width: 20, height: 20 }, { kind: 'ring', radius: 0.3, width: 0.1 });
    expect(Math.abs(sum(out) - 2 * Math.PI * 6 * 2)).toBeLessThan(2);
    expect(out[9 * 20 + 9]).toBe(0);
  });

  it('fills a square of side 0.4 on 10x10 as exactly the 4x4 cells 3..6 (total 16 = (0.4 x 10)^2)', () => {
    const out = shapePattern(grid10, { kind: 'square', size: 0.4 });
    expect(sum(out)).toBe(16);
    expect(full(out, 10)).toContain('3,3');
    expect(full(out, 10)).toContain('6,6');
  });

  it('draws a cross of size 0.6 and width 0.2 on 10x10 as two 6x2 arms sharing 2x2: 20 cells', () => {
    const out = shapePattern(grid10, { kind: 'cross', size: 0.6, width: 0.2 });
    expect(sum(out)).toBe(20);
    expect(full(out, 10)).toEqual(expect.arrayContaining(['2,4', '7,5', '4,2', '5,7']));
  });

  it('measures lengths on the longer side: a disc of radius 0.25 on a line of 20 lights the middle 10 cells (2r)', () => {
    const out = shapePattern({ width: 20, height: 1 }, { kind: 'disc', radius: 0.25 });
    expect(Array.from(out)).toEqual([...Array(5).fill(0), ...Array(10).fill(1), ...Array(5).fill(0)]);
  });

  it('keeps a disc round and centred on a 20x10 grid: mirror-symmetric both ways', () => {
    const out = shapePattern({ width: 20, height: 10 }, { kind: 'disc', radius: 0.2 });
    for (let y = 0; y < 10; y++) {
      for (let x = 0; x < 20; x++) {
        expect(out[y * 20 + x]).toBeCloseTo(out[y * 20 + 19 - x], 6);
        expect(out[y * 20 + x]).toBeCloseTo(out[(9 - y) * 20 + x], 6);
      }
    }
    expect(Math.abs(sum(out) - Math.PI * 16)).toBeLessThan(1.5);
  });

  it('refuses out-of-range and non-finite parameters, naming them', () => {
    expect(() => shapePattern(grid10, { kind: 'disc', radius: 0.6 })).toThrow(new RangeError('shapePattern(disc): radius must be in (0, 0.5], got 0.6'));
    expect(() => shapePattern(grid10, { kind: 'bar', angle_deg: 0, width: NaN })).toThrow('shapePattern(bar): width must be in (0, 1], got NaN');
    expect(() => shapePattern(grid10, { kind: 'bar', angle_deg: Infinity, width: 0.1 })).toThrow('shapePattern(bar): angle_deg must be a finite number, got Infinity');
    expect(() => shapePattern(grid10, { kind: 'cross', size: 0.5, width: 0 })).toThrow('width');
    expect(() => shapePattern(grid10, { kind: 'star' } as unknown as ShapeSpec)).toThrow('shapePattern: spec.kind must be bar, disc, ring, square or cross, got star');
    expect(() => shapePattern({ width: 10, height: 0 }, { kind: 'square', size: 0.5 })).toThrow('shapePattern: shape.height');
  });
});
