/**
 * A labelled set of grey-level images, whatever it came from (the `mnist`
 * package, IDX files, a user's own): one byte per pixel, 0 (black) to 255
 * (white), images stored one after another, each row-major.
 */

/** Labelled grey-level images. Image k is pixels k * width * height .. (k + 1) * width * height - 1. */
export interface ImageDataset {
  width: number;
  height: number;
  /** Intensities 0..255, image after image, row-major. */
  images: Uint8Array;
  /** Class of each image, 0..255; labels.length is the number of images. */
  labels: Uint8Array;
}

/** Images set aside for learning and for measuring, never overlapping. */
export interface DatasetSplit {
  train: ImageDataset;
  test: ImageDataset;
}

export function imageCount(dataset: ImageDataset): number {
  return dataset.labels.length;
}

/** The pixels of image `index` (a view, not a copy). */
export function imageAt(dataset: ImageDataset, index: number): Uint8Array {
  const size = dataset.width * dataset.height;
  return dataset.images.subarray(index * size, (index + 1) * size);
}

/** Number of classes: one more than the largest label (10 for digits). */
export function classCount(dataset: ImageDataset): number {
  let max = -1;
  for (const label of dataset.labels) if (label > max) max = label;
  return max + 1;
}

/** Throws, naming the field, when sizes disagree; returns the dataset otherwise. */
export function checkDataset(dataset: ImageDataset, name = 'dataset'): ImageDataset {
  const { width, height, images, labels } = dataset;
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`${name}.width: must be a whole number >= 1, got ${width}`);
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`${name}.height: must be a whole number >= 1, got ${height}`);
  if (images.length !== labels.length * width * height)
    throw new RangeError(`${name}.images: holds ${images.length} pixels, but ${labels.length} images of ${width}x${height} need ${labels.length * width * height}`);
  return dataset;
}

/** The images at `indices`, in that order, copied into a new dataset. */
export function pickImages(dataset: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = dataset.width * dataset.height;
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    images.set(dataset.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = dataset.labels[i];
  }
  return { width: dataset.width, height: dataset.height, images, labels };
}
