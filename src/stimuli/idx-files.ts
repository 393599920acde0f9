/**
 * Which files of a folder make an IDX dataset, by the names MNIST uses
 * (train-images-idx3-ubyte, t10k-labels.idx1-ubyte.gz, ...). Pure: it takes
 * the folder's listing and a function that reads a file's bytes.
 */
import type { DatasetSplit, ImageDataset } from './dataset';
import { readIdxDataset } from './idx';

/** The files of a folder in the MNIST layout; `test` is absent when the folder has only a training pair. */
export interface IdxFileSet {
  train: { images: string; labels: string };
  test?: { images: string; labels: string };
}

const IDX_NAME = /^(train|t10k|test)[-.](images|labels)[-.]idx([13])[-.]ubyte(\.gz)?$/;

/** Finds the train (and test, named t10k- or test-) image and label files among `names`; throws listing what is missing. */
export function findIdxFiles(names: readonly string[]): IdxFileSet {
  const found: Record<string, string> = {};
  for (const name of names) {
    const m = IDX_NAME.exec(name);
    if (!m) continue;
    const part = m[1] === 'train' ? 'train' : 'test';
    const key = `${part}.${m[2]}`;
    // idx3 holds images, idx1 labels: a mismatch is a different file.
    if ((m[2] === 'images') !== (m[3] === '3')) continue;
    if (!(key in found) || !m[4]) found[key] = name;
  }
  const missing = ['train.images', 'train.labels'].filter((k) => !(k in found));
  if (missing.length)
    throw new Error(
      `no ${missing.join(' or ')} file: expected names like train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz), found ${names.length ? names.join(', ') : 'nothing'}`,
    );
  const train = { images: found['train.images'], labels: found['train.labels'] };
  const testParts = ['test.images', 'test.labels'].filter((k) => k in found);
  if (testParts.length === 1) throw new Error(`${found[testParts[0]]} has no partner: a test set needs both its images and its labels file`);
  return testParts.length === 2 ? { train, test: { images: found['test.images'], labels: found['test.labels'] } } : { train };
}

/**
 * The dataset of a folder in the MNIST layout: its train / test split when it
 * has both pairs, else the training set alone (to be split by class).
 * `read(name)` returns the bytes of a file of the folder.
 */
export function readIdxFolder(names: readonly string[], read: (name: string) => Uint8Array): ImageDataset | DatasetSplit {
  const files = findIdxFiles(names);
  const train = readIdxDataset(read(files.train.images), read(files.train.labels), files.train);
  if (!files.test) return train;
  return { train, test: readIdxDataset(read(files.test.images), read(files.test.labels), files.test) };
}
