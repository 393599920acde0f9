/**
 * Intensity patterns for a sensor from things a person drops on it: a digit,
 * a picture, noise, a pressed pad. Each returns one intensity in [0, 1] per
 * cell of the sensor's shape, row-major (sensor-grid.ts); a program
 * (program.ts) turns patterns into rates over time. Shapes, tones and
 * drawings have their own files.
 */
import { MNIST_PIXELS, MNIST_SIDE } from './mnist-package';
import { MAX_INTENSITY } from './rate';
import { checkRange, checkShape, resampleArea, type SensorShape } from './sensor-grid';

/** A 28x28 grey-level digit (bytes 0..255) area-averaged onto the sensor: an exact copy / 255 on a 28x28 grid. */
export function digitPattern(image: Uint8Array, shape: SensorShape): Float32Array {
  checkShape(shape, 'digitPattern');
  if (image.length !== MNIST_PIXELS) throw new RangeError(`digitPattern: image must hold ${MNIST_SIDE}x${MNIST_SIDE} = ${MNIST_PIXELS} pixels, got ${image.length}`);
  const values = Float32Array.from(image, (v) => v / MAX_INTENSITY);
  return resampleArea(values, { width: MNIST_SIDE, height: MNIST_SIDE }, shape);
}

/** A picture as the browser decodes it (ImageData's fields): RGBA bytes, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Rec. 709 luma weights of R, G and B (ITU-R BT.709). */
export const LUMA_709 = [0.2126, 0.7152, 0.0722] as const;

/**
 * A picture's luminance on the sensor. Each pixel's luma is the Rec. 709
 * weighting of its encoded (gamma) R, G, B over 255, optionally inverted
 * (1 - luma: dark ink on white paper becomes bright) and times alpha / 255,
 * so transparent pixels carry nothing either way. The lumas are
 * area-averaged onto the grid, then divided by their maximum so the brightest
 * cell is 1 whatever the picture's exposure (a black picture stays 0).
 */
export function imagePattern(shape: SensorShape, image: RgbaImage, options: { invert?: boolean } = {}): Float32Array {
  checkShape(shape, 'imagePattern');
  const { width, height, data } = image;
  checkShape({ width, height }, 'imagePattern: image');
  if (data.length !== width * height * 4) throw new RangeError(`imagePattern: image.data must hold ${width}x${height}x4 = ${width * height * 4} bytes (RGBA), got ${data.length}`);
  const [kr, kg, kb] = LUMA_709;
  const luma = new Float32Array(width * height);
  for (let i = 0; i < luma.length; i++) {
    const y = (kr * data[4 * i] + kg * data[4 * i + 1] + kb * data[4 * i + 2]) / MAX_INTENSITY;
    luma[i] = (options.invert ? 1 - y : y) * (data[4 * i + 3] / MAX_INTENSITY);
  }
  const out = resampleArea(luma, { width, height }, shape);
  let max = 0;
  for (const v of out) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i] / max);
  return out;
}

/**
 * A u32 mixer with full avalanche: "lowbias32" of Chris Wellons' hash
 * prospector (nullprogram.com/blog/2018/07/31). The stimuli layer may not
 * import the simulator's Philox (test/layers.test.ts), and noise on a
 * sensor needs only a repeatable scatter, not a stream a GPU must reproduce.
 */
function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Salt noise: each cell is 1 with probability `density` and 0 otherwise,
 * independently; cell i draws u = mix32(mix32(seed) + i) / 2^32 and is on
 * when u < density. The same seed always gives the same pattern.
 */
export function noisePattern(shape: SensorShape, seed: number, density: number): Float32Array {
  const cells = checkShape(shape, 'noisePattern');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`noisePattern: seed must be a whole number in [0, 4294967295], got ${seed}`);
  checkRange('noisePattern', 'density', density, 0, 1);
  const key = mix32(seed);
  const out = new Float32Array(cells);
  for (let i = 0; i < cells; i++) out[i] = mix32((key + i) >>> 0) / 0x1_0000_0000 < density ? 1 : 0;
  return out;
}

/**
 * Pad `pad` pressed (its cells 1), every other pad free (0). Touch pads lie
 * along x, one per column: on a line each neuron is a pad; on a grid a pad is
 * a column of `height` neurons, a population code that drives its targets
 * more reliably than one neuron.
 */
export function touchPattern(shape: SensorShape, pad: number): Float32Array {
  const cells = checkShape(shape, 'touchPattern');
  if (!Number.isInteger(pad) || pad < 0 || pad >= shape.width) throw new RangeError(`touchPattern: pad must be a whole number in [0, ${shape.width - 1}], got ${pad}`);
  const out = new Float32Array(cells);
  for (let y = 0; y < shape.height; y++) out[y * shape.width + pad] = 1;
  return out;
}
