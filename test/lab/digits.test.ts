import { describe, expect, it } from 'vitest';
import { runDigits, type Progress } from '@/lab';
import { pickImages, splitByClass } from '@/stimuli';
import { mnistDigits } from '../stimuli/mnist-digits';

describe('runDigits, end to end on two classes', async () => {
  const all = mnistDigits();
  const zerosAndOnes = pickImages(all, Array.from(all.labels.keys()).filter((i) => all.labels[i] < 2));
  const progress: Progress[] = [];
  const result = await runDigits({
    neurons: 20,
    seed: 3,
    dataset: splitByClass(zerosAndOnes),
    trainSamples: 200,
    labelSamples: 50,
    testSamples: 100,
    schedule: { presentation_ms: 150, rest_ms: 50 },
    curveEvery: 40,
    clock: () => performance.now(),
    onProgress: (p) => progress.push(p),
  });

  // After 50 images one neuron still answers both digits (theta has not yet let another win) and accuracy is chance; by 200 several neurons have split the two (0.9 to 0.99 over seeds 3 and 4).
  it('classifies 100 held-out 0s and 1s well above chance (0.5): at least 0.8', () => {
    expect(result.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('fills a 2x2 confusion matrix whose 100 answers agree with the accuracy', () => {
    const c = result.confusion;
    expect(c.length).toBe(2);
    expect((c[0][0] + c[1][1]) / 100).toBe(result.accuracy);
    expect(c.flat().reduce((a, b) => a + b)).toBeLessThanOrEqual(100);
  });

  it('labels some neurons 0 and some 1 (20 neurons, each class answered by at least one)', () => {
    expect(result.assignment.length).toBe(20);
    expect(result.assignment).toContain(0);
    expect(result.assignment).toContain(1);
  });

  it('records 4 curve points (windows of 40 over 200 samples, the first only labels) and reports 350 samples of progress (200 + 50 + 100)', () => {
    expect(result.curve.map((p) => p.samples)).toEqual([80, 120, 160, 200]);
    expect(progress.length).toBe(350);
    expect(progress.at(-1)).toMatchObject({ phase: 'test', done: 100, total: 100, doneAll: 350, totalAll: 350 });
    expect(result.samplesPerSecond).toBeGreaterThan(0);
  });
});
