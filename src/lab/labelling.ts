/**
 * Reading a class out of an unsupervised layer (Diehl & Cook 2015, 2.6):
 * each neuron is labelled with the class it answered most on average, and an
 * image is assigned the class whose labelled neurons fire most on average.
 * Responses are spike counts, one row of `neurons` per sample.
 */

/** Label of a neuron that never fired while labelling: it takes no part in any vote. */
export const UNLABELLED = -1;
/** Prediction when no labelled neuron fired: counted as wrong. */
export const NO_ANSWER = -1;

/**
 * The class of each neuron: the class c maximising its mean count over the
 * samples of class c (the first such class on ties); UNLABELLED when its
 * counts are all zero. `counts` is samples x neurons, row-major.
 */
export function assignLabels(counts: Float32Array, labels: ArrayLike<number>, neurons: number, classes: number): Int16Array {
  const samples = labels.length;
  if (counts.length !== samples * neurons) throw new RangeError(`assignLabels: ${counts.length} counts for ${samples} samples x ${neurons} neurons`);
  const sum = new Float64Array(classes * neurons);
  const perClass = new Float64Array(classes);
  for (let s = 0; s < samples; s++) {
    const c = labels[s];
    perClass[c]++;
    const row = s * neurons;
    const at = c * neurons;
    for (let j = 0; j < neurons; j++) sum[at + j] += counts[row + j];
  }
  const assignment = new Int16Array(neurons).fill(UNLABELLED);
  for (let j = 0; j < neurons; j++) {
    let best = 0;
    for (let c = 0; c < classes; c++) {
      if (perClass[c] === 0) continue;
      const mean = sum[c * neurons + j] / perClass[c];
      if (mean > best) {
        best = mean;
        assignment[j] = c;
      }
    }
  }
  return assignment;
}

/** The class whose labelled neurons have the highest mean count in `response` (the first on ties); NO_ANSWER if none fired. */
export function classify(assignment: Int16Array, response: ArrayLike<number>, classes: number, scratch = new Float64Array(2 * classes)): number {
  const sum = scratch.subarray(0, classes).fill(0);
  const members = scratch.subarray(classes, 2 * classes).fill(0);
  for (let j = 0; j < assignment.length; j++) {
    const c = assignment[j];
    if (c === UNLABELLED) continue;
    sum[c] += response[j];
    members[c]++;
  }
  let answer = NO_ANSWER;
  let best = 0;
  for (let c = 0; c < classes; c++) {
    if (members[c] === 0) continue;
    const mean = sum[c] / members[c];
    if (mean > best) {
      best = mean;
      answer = c;
    }
  }
  return answer;
}

/** Predictions of every row of `counts` (samples x neurons). */
export function classifyAll(assignment: Int16Array, counts: Float32Array, classes: number): Int16Array {
  const neurons = assignment.length;
  const samples = counts.length / neurons;
  const predicted = new Int16Array(samples);
  const scratch = new Float64Array(2 * classes);
  for (let s = 0; s < samples; s++) predicted[s] = classify(assignment, counts.subarray(s * neurons, (s + 1) * neurons), classes, scratch);
  return predicted;
}

/** Fraction of predictions equal to their label (NO_ANSWER is wrong); NaN for no samples. */
export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (labels.length !== predicted.length) throw new RangeError(`accuracy: ${predicted.length} predictions for ${labels.length} labels`);
  let correct = 0;
  for (let s = 0; s < labels.length; s++) if (labels[s] === predicted[s]) correct++;
  return correct / labels.length;
}

/**
 * Confusion matrix, classes x classes, row = true class, column = predicted,
 * as counts; a NO_ANSWER adds to no cell, so a row may sum to less than its
 * class's samples.
 */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let s = 0; s < labels.length; s++) if (predicted[s] !== NO_ANSWER) matrix[labels[s]][predicted[s]]++;
  return matrix;
}
