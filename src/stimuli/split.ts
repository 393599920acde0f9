/**
 * The fixed train / test split used when a dataset comes as one set (the
 * `mnist` package, or a folder with only a training pair): for each class,
 * the first 4/5 of its images in dataset order train and the last 1/5 test
 * (floor(4 n / 5) train of a class with n images). No image is in both, and
 * the split depends on nothing but the dataset's order.
 */
import { classCount, pickImages, type DatasetSplit, type ImageDataset } from './dataset';

/** Train share of each class: TRAIN_PARTS out of ALL_PARTS. */
export const TRAIN_PARTS = 4;
export const ALL_PARTS = 5;

/** Dataset indices of the train and test images, each in dataset order. */
export interface SplitIndices {
  train: Uint32Array;
  test: Uint32Array;
}

/** Images of each class to train on: floor(4 n / 5) of its n. */
export function trainShare(n: number): number {
  return Math.floor((n * TRAIN_PARTS) / ALL_PARTS);
}

export function splitIndicesByClass(labels: Uint8Array, classes: number): SplitIndices {
  const perClass = new Uint32Array(classes);
  for (const label of labels) perClass[label]++;
  const seen = new Uint32Array(classes);
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    (seen[c] < trainShare(perClass[c]) ? train : test).push(i);
    seen[c]++;
  }
  return { train: Uint32Array.from(train), test: Uint32Array.from(test) };
}

/** Splits one dataset into train and test, class by class: first 4/5 train, last 1/5 test. */
export function splitByClass(dataset: ImageDataset): DatasetSplit {
  const { train, test } = splitIndicesByClass(dataset.labels, classCount(dataset));
  return { train: pickImages(dataset, train), test: pickImages(dataset, test) };
}
