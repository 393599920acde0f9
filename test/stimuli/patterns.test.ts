import { describe, expect, it } from 'vitest';
import { digitPattern, imagePattern, noisePattern, touchPattern, type RgbaImage } from '@/stimuli';

/** An RGBA image from [r, g, b, a] pixels, row-major. */
function rgba(width: number, height: number, pixels: number[][]): RgbaImage {
  return { width, height, data: Uint8ClampedArray.from(pixels.flat()) };
}

const grey = (v: number, a = 255) => [v, v, v, a];

describe('digitPattern', () => {
  it('copies a 28x28 digit onto a 28x28 retina as intensity / 255', () => {
    const image = Uint8Array.from({ length: 784 }, (_, i) => i % 256);
    expect(digitPattern(image, { width: 28, height: 28 })).toEqual(Float32Array.from(image, (v) => v / 255));
  });

  it('averages 2x2 blocks onto a 14x14 retina: a block of 0, 255, 255, 255 gives 0.75', () => {
    const image = new Uint8Array(784).fill(255);
    image[0] = 0;
    const out = digitPattern(image, { width: 14, height: 14 });
    expect(out.length).toBe(196);
    expect(out[0]).toBeCloseTo(0.75, 6);
    expect(out[1]).toBe(1);
  });

  it('refuses an image that is not 784 pixels and an empty sensor', () => {
    expect(() => digitPattern(new Uint8Array(100), { width: 28, height: 28 })).toThrow(new RangeError('digitPattern: image must hold 28x28 = 784 pixels, got 100'));
    expect(() => digitPattern(new Uint8Array(784), { width: 0, height: 28 })).toThrow('digitPattern: shape.width must be a whole number >= 1, got 0');
  });
});

describe('imagePattern', () => {
  it('weights R, G, B by Rec. 709 (0.2126, 0.7152, 0.0722) and scales by the brightest (white, 1)', () => {
    const image = rgba(4, 1, [
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 255],
      grey(255),
    ]);
    const out = imagePattern({ width: 4, height: 1 }, image);
    [0.2126, 0.7152, 0.0722, 1].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('area-averages, then divides by the max: lumas [1, 0, 0.2, 0.2] onto 2 cells give [0.5, 0.2] / 0.5 = [1, 0.4]', () => {
    const out = imagePattern({ width: 2, height: 1 }, rgba(4, 1, [grey(255), grey(0), grey(51), grey(51)]));
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(0.4, 6);
  });

  it('inverts before averaging: [0, 1, 0.8, 0.8] gives [0.5, 0.8] / 0.8 = [0.625, 1]', () => {
    const out = imagePattern({ width: 2, height: 1 }, rgba(4, 1, [grey(255), grey(0), grey(51), grey(51)]), { invert: true });
    expect(out[0]).toBeCloseTo(0.625, 6);
    expect(out[1]).toBeCloseTo(1, 6);
  });

  it('ignores transparent pixels, inverted or not: a transparent white beside grey 51 gives [0, 1]', () => {
    const image = rgba(2, 1, [grey(255, 0), grey(51)]);
    expect(Array.from(imagePattern({ width: 2, height: 1 }, image))).toEqual([0, 1]);
    expect(Array.from(imagePattern({ width: 2, height: 1 }, image, { invert: true }))).toEqual([0, 1]);
  });

  it('samples a small picture up: 2x1 [white, black] onto 4x1 gives [1, 1, 0, 0]', () => {
    expect(Array.from(imagePattern({ width: 4, height: 1 }, rgba(2, 1, [grey(255), grey(0)])))).toEqual([1, 1, 0, 0]);
  });

  it('leaves a black picture at 0 (no division by a zero max)', () => {
    expect(Array.from(imagePattern({ width: 2, height: 2 }, rgba(1, 1, [grey(0)])))).toEqual([0, 0, 0, 0]);
  });

  it('refuses RGBA data of the wrong length, naming image.data', () => {
    expect(() => imagePattern({ width: 2, height: 2 }, { width: 2, height: 2, data: new Uint8ClampedArray(12) })).toThrow(
      new RangeError('imagePattern: image.data must hold 2x2x4 = 16 bytes (RGBA), got 12'),
    );
    expect(() => imagePattern({ width: 2, height: 2 }, { width: 0, height: 2, data: new Uint8ClampedArray(0) })).toThrow('imagePattern: image: shape.width');
  });
});

describe('noisePattern', () => {
  const shape = { width: 100, height: 100 };

  it('gives the same pattern for the same seed and another for another seed', () => {
    expect(noisePattern(shape, 7, 0.3)).toEqual(noisePattern(shape, 7, 0.3));
    expect(noisePattern(shape, 7, 0.3)).not.toEqual(noisePattern(shape, 8, 0.3));
  });

  it('turns on about density x cells: 3,000 of 10,000 at 0.3, within 5 sigma (sqrt(10,000 x 0.3 x 0.7) = 46)', () => {
    for (const seed of [0, 1, 4294967295]) {
      const out = noisePattern(shape, seed, 0.3);
      expect(out.every((v) => v === 0 || v === 1)).toBe(true);
      const on = out.reduce((s, v) => s + v, 0);
      expect(Math.abs(on - 3000)).toBeLessThan(5 * 46);
    }
  });

  it('is nested in density: every cell on at 0.2 is on at 0.5 (same draws, higher threshold)', () => {
    const low = noisePattern(shape, 3, 0.2);
    const high = noisePattern(shape, 3, 0.5);
    expect(low.every((v, i) => v <= high[i])).toBe(true);
  });

  it('is all off at density 0 and all on at density 1', () => {
    expect(noisePattern(shape, 1, 0).every((v) => v === 0)).toBe(true);
    expect(noisePattern(shape, 1, 1).every((v) => v === 1)).toBe(true);
  });

  it('refuses a density outside [0, 1] or NaN and a seed that is not a u32', () => {
    expect(() => noisePattern(shape, 1, 1.5)).toThrow(new RangeError('noisePattern: density must be in [0, 1], got 1.5'));
    expect(() => noisePattern(shape, 1, NaN)).toThrow('density must be in [0, 1], got NaN');
    expect(() => noisePattern(shape, -1, 0.5)).toThrow('noisePattern: seed must be a whole number in [0, 4294967295], got -1');
    expect(() => noisePattern(shape, 1.5, 0.5)).toThrow('seed');
  });
});

describe('touchPattern', () => {
  it('presses one neuron of a line of 4 pads: pad 2 -> [0, 0, 1, 0]', () => {
    expect(Array.from(touchPattern({ width: 4, height: 1 }, 2))).toEqual([0, 0, 1, 0]);
  });

  it('presses a whole column of a grid: pad 0 of a 3x2 grid -> cells 0 and 3', () => {
    expect(Array.from(touchPattern({ width: 3, height: 2 }, 0))).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('refuses a pad past the last (3 of 3), a fraction and NaN', () => {
    expect(() => touchPattern({ width: 3, height: 1 }, 3)).toThrow(new RangeError('touchPattern: pad must be a whole number in [0, 2], got 3'));
    expect(() => touchPattern({ width: 3, height: 1 }, 1.5)).toThrow('pad');
    expect(() => touchPattern({ width: 3, height: 1 }, NaN)).toThrow('pad');
  });
});
