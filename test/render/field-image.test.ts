import { describe, expect, it } from 'vitest';
import { fieldPixels, tileFields, tileOrigin, viridis, type IncomingWeights } from '@/render/field-image';

const field = (source: number[], weight: number[]): IncomingWeights => ({ source: Uint32Array.from(source), weight: Float32Array.from(weight) });
const pixel = (pixels: Uint8ClampedArray, width: number, x: number, y: number) => Array.from(pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

const DARKEST = [0x44, 0x01, 0x54, 255];
const MIDDLE = [0x21, 0x90, 0x8c, 255];
const BRIGHTEST = [0xfd, 0xe7, 0x25, 255];
const BLACK = [0, 0, 0, 255];
/** The palette's separator, 0x262b36. */
const GAP = [0x26, 0x2b, 0x36, 255];

describe('viridis', () => {
  it('runs from #440154 at 0 through #21908c at 0.5 to #fde725 at 1, clamped outside', () => {
    expect(viridis(0)).toBe(0x440154);
    expect(viridis(0.5)).toBe(0x21908c);
    expect(viridis(1)).toBe(0xfde725);
    expect(viridis(-3)).toBe(0x440154);
    expect(viridis(7)).toBe(0xfde725);
    expect(viridis(Number.NaN)).toBe(0x440154);
  });

  it('interpolates between stops: 0.05 is halfway from #440154 to #482576, (70, 19, 101)', () => {
    expect(viridis(0.05)).toBe((70 << 16) | (19 << 8) | 101);
  });

  it('grows brighter all the way (luma 0.299 R + 0.587 G + 0.114 B rises at every step of 0.01)', () => {
    const luma = (c: number) => 0.299 * (c >> 16) + 0.587 * ((c >> 8) & 0xff) + 0.114 * (c & 0xff);
    for (let i = 1; i <= 100; i++) expect(luma(viridis(i / 100))).toBeGreaterThan(luma(viridis((i - 1) / 100)));
  });
});

describe('fieldPixels', () => {
  it('colours each source by its weight over the largest, black where no synapse comes from', () => {
    // 3 x 2 grid: weight 1 at 0, 0.5 at 2, 0 at 4, two synapses of 0.25 at 5; none from 1 and 3; source 6 is off the grid.
    const pixels = fieldPixels(field([0, 2, 4, 5, 5, 6], [1, 0.5, 0, 0.25, 0.25, 9]), { width: 3, height: 2 });
    expect(pixels.length).toBe(3 * 2 * 4);
    expect(pixel(pixels, 3, 0, 0)).toEqual(BRIGHTEST);
    expect(pixel(pixels, 3, 1, 0)).toEqual(BLACK);
    expect(pixel(pixels, 3, 2, 0)).toEqual(MIDDLE);
    expect(pixel(pixels, 3, 0, 1)).toEqual(BLACK);
    expect(pixel(pixels, 3, 1, 1)).toEqual(DARKEST);
    expect(pixel(pixels, 3, 2, 1)).toEqual(MIDDLE);
  });

  it('draws a field of only zero weights at the darkest colour, not black', () => {
    const pixels = fieldPixels(field([0, 1], [0, 0]), { width: 2, height: 1 });
    expect(Array.from(pixels)).toEqual([...DARKEST, ...DARKEST]);
  });

  it('normalises each field to its own largest weight: 2 and 4 draw as 0.5 and 1', () => {
    const pixels = fieldPixels(field([0, 1], [2, 4]), { width: 2, height: 1 });
    expect(Array.from(pixels)).toEqual([...MIDDLE, ...BRIGHTEST]);
  });
});

describe('tileFields', () => {
  const grid = { width: 2, height: 2 };
  const one = field([0], [1]);
  const full = field([0, 1, 2, 3], [1, 1, 1, 1]);

  it('packs 3 fields of 2 x 2, 2 per row, into 5 x 5 pixels with 1-pixel gaps of the separator colour', () => {
    const image = tileFields([one, full, one], grid, 2);
    expect([image.width, image.height]).toEqual([5, 5]);
    expect(tileOrigin(2, grid, 2)).toEqual([0, 3]);
    // Field 0: bright at its (0, 0), black elsewhere.
    expect(pixel(image.pixels, 5, 0, 0)).toEqual(BRIGHTEST);
    expect(pixel(image.pixels, 5, 1, 1)).toEqual(BLACK);
    // Gap column x = 2 and gap row y = 2.
    for (let y = 0; y < 5; y++) expect(pixel(image.pixels, 5, 2, y)).toEqual(GAP);
    for (let x = 0; x < 5; x++) expect(pixel(image.pixels, 5, x, 2)).toEqual(GAP);
    // Field 1 at (3, 0): all bright.
    for (const [x, y] of [
      [3, 0],
      [4, 0],
      [3, 1],
      [4, 1],
    ])
      expect(pixel(image.pixels, 5, x, y)).toEqual(BRIGHTEST);
    // Field 2 at (0, 3); the empty place after it is gap colour.
    expect(pixel(image.pixels, 5, 0, 3)).toEqual(BRIGHTEST);
    expect(pixel(image.pixels, 5, 1, 4)).toEqual(BLACK);
    expect(pixel(image.pixels, 5, 4, 4)).toEqual(GAP);
  });

  it('uses only as many columns as fields: 3 fields at 10 columns make one row 3 x 3 - 1 = 8 pixels wide', () => {
    const image = tileFields([one, one, one], grid, 10);
    expect([image.width, image.height]).toEqual([8, 2]);
  });

  it('tiles 100 fields of 28 x 28 ten across into 289 x 289 pixels', () => {
    const fields = Array.from({ length: 100 }, (_, i) => field([i], [1]));
    const image = tileFields(fields, { width: 28, height: 28 }, 10);
    expect([image.width, image.height]).toEqual([10 * 29 - 1, 10 * 29 - 1]);
    // Field 57 (row 5, column 7) is bright at its source pixel 57 = (1, 2).
    expect(pixel(image.pixels, image.width, 7 * 29 + 1, 5 * 29 + 2)).toEqual(BRIGHTEST);
  });

  it('makes an empty image of no fields', () => {
    const image = tileFields([], grid, 4);
    expect([image.width, image.height, image.pixels.length]).toEqual([0, 0, 0]);
  });
});
