import { describe, expect, it } from 'vitest';
import { imageAt, splitByClass, splitIndicesByClass } from '@/stimuli';
import { mnistDigits } from './mnist-digits';

/** Per-class sizes of the `mnist` package, digits 0..9 (counted from its JSON files). */
const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

function perClass(labels: Uint8Array): number[] {
  const n = new Array<number>(10).fill(0);
  for (const l of labels) n[l]++;
  return n;
}

describe('splitIndicesByClass', () => {
  it('puts the first floor(4n/5) of each class in train, in dataset order: class 0 has 5 (4 train), class 1 has 3 (2 train)', () => {
    const labels = Uint8Array.from([0, 1, 0, 0, 1, 0, 1, 0]);
    const { train, test } = splitIndicesByClass(labels, 2);
    expect(Array.from(train)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(test)).toEqual([6, 7]);
  });
});

describe('the mnist package split', () => {
  const all = mnistDigits();
  const { train, test } = splitByClass(all);

  it('holds 10,000 28x28 images with the package per-class counts', () => {
    expect(all.labels.length).toBe(10000);
    expect([all.width, all.height]).toEqual([28, 28]);
    expect(perClass(all.labels)).toEqual(PACKAGE_COUNTS);
  });

  it('turns intensities in [0, 1] into bytes: the first digit 0 has round(0.2 x 255) = 51 at pixel 127 (package JSON)', () => {
    expect(imageAt(all, 0)[127]).toBe(51);
  });

  it('trains on floor(4n/5) per class (7,996 in all) and tests on the rest (2,004)', () => {
    expect(perClass(train.labels)).toEqual(PACKAGE_COUNTS.map((n) => Math.floor((4 * n) / 5)));
    expect(perClass(test.labels)).toEqual(PACKAGE_COUNTS.map((n) => n - Math.floor((4 * n) / 5)));
    expect([train.labels.length, test.labels.length]).toEqual([7996, 2004]);
  });

  it('is fixed and disjoint: the same indices every time, none in both, all 10,000 covered', () => {
    const a = splitIndicesByClass(all.labels, 10);
    const b = splitIndicesByClass(all.labels, 10);
    expect(a).toEqual(b);
    const inTrain = new Set(a.train);
    expect(Array.from(a.test).filter((i) => inTrain.has(i))).toEqual([]);
    expect(inTrain.size + a.test.length).toBe(10000);
  });

  it('keeps the last 1/5 of each class for test: test image 0 is package digit 0 number 800', () => {
    expect(Array.from(imageAt(test, 0))).toEqual(Array.from(imageAt(all, 800)));
  });
});
