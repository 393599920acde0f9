import { describe, expect, it } from 'vitest';
import { accuracy, assignLabels, classify, classifyAll, confusionMatrix, NO_ANSWER, UNLABELLED } from '@/lab';

// 4 neurons, 3 classes, 6 samples (rows). Neuron 0 answers class 0, neuron 1 class 1,
// neuron 2 class 2 more than class 1 on average, neuron 3 never fires.
const LABELS = [0, 0, 1, 1, 2, 2];
const COUNTS = Float32Array.from([
  5, 0, 0, 0, //
  3, 1, 0, 0, //
  0, 4, 2, 0, //
  1, 6, 2, 0, //
  0, 1, 3, 0, //
  0, 0, 3, 0, //
]);

describe('assignLabels', () => {
  it('labels each neuron by its highest mean count per class: [0, 1, 2, unlabelled]', () => {
    // neuron 2: class means 0, 2, 3 -> class 2; neuron 1: 0.5, 5, 0.5 -> class 1.
    expect(Array.from(assignLabels(COUNTS, LABELS, 4, 3))).toEqual([0, 1, 2, UNLABELLED]);
  });

  it('uses means, not sums: 1 sample of class 1 with 3 spikes beats 3 samples of class 0 with 2 each', () => {
    const counts = Float32Array.from([2, 2, 2, 3]);
    expect(Array.from(assignLabels(counts, [0, 0, 0, 1], 1, 2))).toEqual([1]);
  });
});

describe('classify', () => {
  const assignment = Int16Array.from([0, 1, 1, 2]);

  it('picks the class whose neurons have the highest mean count: class 1 with (6 + 2) / 2 = 4 over classes 0 and 2 with 3', () => {
    // class 0: 3; class 1: (6 + 2) / 2 = 4; class 2: 3.
    expect(classify(assignment, [3, 6, 2, 3], 3)).toBe(1);
  });

  it('averages over the members: class 2 with one neuron at 5 beats class 1 with 8 + 0 (mean 4)', () => {
    expect(classify(assignment, [0, 8, 0, 5], 3)).toBe(2);
  });

  it('answers NO_ANSWER (-1) when no labelled neuron fired', () => {
    expect(classify(assignment, [0, 0, 0, 0], 3)).toBe(NO_ANSWER);
  });

  it('ignores unlabelled neurons', () => {
    expect(classify(Int16Array.from([UNLABELLED, 0]), [9, 1], 2)).toBe(0);
  });
});

describe('accuracy and confusion on synthetic counts', () => {
  it('classifies the labelling set itself 6 of 6 right: accuracy 1', () => {
    const assignment = assignLabels(COUNTS, LABELS, 4, 3);
    expect(accuracy(LABELS, classifyAll(assignment, COUNTS, 3))).toBe(1);
  });

  it('gives 3/4 = 0.75 for one mistake in four, the mistake in row 1 column 2', () => {
    const truth = [0, 1, 1, 2];
    const predicted = [0, 1, 2, 2];
    expect(accuracy(truth, predicted)).toBe(0.75);
    expect(confusionMatrix(truth, predicted, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('counts NO_ANSWER as wrong and leaves it out of the matrix', () => {
    expect(accuracy([0, 1], [0, NO_ANSWER])).toBe(0.5);
    expect(confusionMatrix([0, 1], [0, NO_ANSWER], 2)).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });
});
