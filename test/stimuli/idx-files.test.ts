import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { findIdxFiles, readIdxFolder } from '@/stimuli';

/** A ubyte IDX file: 00 00 08 rank, big-endian u32 dims, values. */
function idx(dims: number[], values: number[]): Uint8Array {
  const header = [0, 0, 0x08, dims.length];
  for (const d of dims) header.push((d >>> 24) & 0xff, (d >>> 16) & 0xff, (d >>> 8) & 0xff, d & 0xff);
  return Uint8Array.from([...header, ...values]);
}

describe('findIdxFiles', () => {
  it('finds the four MNIST files, gzipped or not, dot or dash', () => {
    expect(findIdxFiles(['README', 'train-images-idx3-ubyte.gz', 'train-labels.idx1-ubyte', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'])).toEqual({
      train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels.idx1-ubyte' },
      test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
    });
  });

  it('prefers the plain file when both it and its .gz are there', () => {
    expect(findIdxFiles(['train-images-idx3-ubyte.gz', 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte']).train.images).toBe('train-images-idx3-ubyte');
  });

  it('leaves test out when the folder has only the training pair', () => {
    expect(findIdxFiles(['train-images-idx3-ubyte', 'train-labels-idx1-ubyte']).test).toBeUndefined();
  });

  it('says which file is missing', () => {
    expect(() => findIdxFiles(['train-images-idx3-ubyte'])).toThrow('no train.labels file');
  });

  it('refuses test images without test labels', () => {
    expect(() => findIdxFiles(['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte'])).toThrow('t10k-images-idx3-ubyte has no partner');
  });
});

describe('readIdxFolder', () => {
  const files: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte.gz': gzipSync(idx([2, 1, 2], [1, 2, 3, 4])),
    'train-labels-idx1-ubyte': idx([2], [5, 6]),
    't10k-images-idx3-ubyte': idx([1, 1, 2], [9, 9]),
    't10k-labels-idx1-ubyte': idx([1], [4]),
  };
  const read = (name: string) => files[name];

  it('reads both pairs as a split: 2 train images (labels 5, 6) and 1 test image (label 4), each 2x1', () => {
    const split = readIdxFolder(Object.keys(files), read);
    expect('train' in split && [Array.from(split.train.labels), Array.from(split.test.labels), split.train.width, split.train.height]).toEqual([[5, 6], [4], 2, 1]);
  });

  it('returns the training set alone when there is no test pair', () => {
    const set = readIdxFolder(['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte'], read);
    expect('labels' in set && Array.from(set.labels)).toEqual([5, 6]);
  });

  it('names the file in a parse error', () => {
    expect(() => readIdxFolder(['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'], () => new Uint8Array([1, 2, 3, 4]))).toThrow(/^train-images-idx3-ubyte: bad magic number/);
  });
});
