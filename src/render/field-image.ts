/**
 * Receptive fields as pixels: what one neuron has learned, drawn over the
 * grid of its source population (a retina's pixels), dark where its
 * synapses are weak and bright where they are strong; and many neurons'
 * fields tiled into one image for the weights view. Pure: RGBA bytes in,
 * no renderer.
 */
import { SEPARATOR } from './palette';

/** A neuron's incoming synapses from one source population. */
export interface IncomingWeights {
  /** Local index of each synapse's source neuron in its population: pixel y * width + x of the grid. */
  source: Uint32Array;
  weight: Float32Array;
}

/** The source population as an image: neuron i at x = i % width, y = floor(i / width). */
export interface FieldGrid {
  width: number;
  height: number;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, row-major, width * height * 4 bytes. */
  pixels: Uint8ClampedArray;
}

/**
 * Viridis (van der Walt & Smith, matplotlib 2015) at 0, 0.1, .., 1, as R's
 * viridisLite::viridis(11) gives it: perceptually uniform, dark purple to
 * yellow, and its darkest is not black, so a missing synapse (black) stays
 * apart from a weak one.
 */
const VIRIDIS = [0x440154, 0x482576, 0x414487, 0x35608d, 0x2a788e, 0x21908c, 0x22a884, 0x43bf71, 0x7ad151, 0xbbdf27, 0xfde725];

/** A missing synapse. */
export const NO_SYNAPSE = 0x000000;

/** Viridis at t (clamped to 0..1), 0xRRGGBB, linear between its eleven stops. */
export function viridis(t: number): number {
  const at = Math.min(1, Math.max(0, Number.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
  const below = Math.min(VIRIDIS.length - 2, Math.floor(at));
  const f = at - below;
  const a = VIRIDIS[below];
  const b = VIRIDIS[below + 1];
  const channel = (shift: number) => Math.round(((a >> shift) & 0xff) * (1 - f) + ((b >> shift) & 0xff) * f);
  return (channel(16) << 16) | (channel(8) << 8) | channel(0);
}

function putColor(pixels: Uint8ClampedArray, pixel: number, color: number): void {
  pixels[4 * pixel] = (color >> 16) & 0xff;
  pixels[4 * pixel + 1] = (color >> 8) & 0xff;
  pixels[4 * pixel + 2] = color & 0xff;
  pixels[4 * pixel + 3] = 255;
}

/**
 * One neuron's field: each source pixel coloured by its weight over the
 * field's largest (several synapses from one source add up), black where
 * no synapse comes from; sources outside the grid are left out.
 */
export function fieldPixels(field: IncomingWeights, grid: FieldGrid): Uint8ClampedArray {
  const area = grid.width * grid.height;
  const total = new Float32Array(area);
  const present = new Uint8Array(area);
  for (let i = 0; i < field.source.length; i++) {
    const s = field.source[i];
    if (s >= area) continue;
    total[s] += Math.max(0, field.weight[i]);
    present[s] = 1;
  }
  let max = 0;
  for (let s = 0; s < area; s++) if (present[s]) max = Math.max(max, total[s]);
  const pixels = new Uint8ClampedArray(area * 4);
  for (let s = 0; s < area; s++) putColor(pixels, s, present[s] ? viridis(max > 0 ? total[s] / max : 0) : NO_SYNAPSE);
  return pixels;
}

/** Top-left pixel of field `index` in a tiling of `columns` fields per row with 1-pixel gaps. */
export function tileOrigin(index: number, grid: FieldGrid, columns: number): [number, number] {
  return [(index % columns) * (grid.width + 1), Math.floor(index / columns) * (grid.height + 1)];
}

/**
 * Many neurons' fields in one image, row by row, `columns` per row (fewer
 * when there are fewer fields), each normalised to its own largest weight,
 * with 1-pixel gaps of the separator colour between them.
 */
export function tileFields(fields: readonly IncomingWeights[], grid: FieldGrid, columns: number): RgbaImage {
  const across = Math.max(1, Math.min(Math.floor(columns), fields.length));
  const rows = Math.ceil(fields.length / across);
  const width = fields.length === 0 ? 0 : across * (grid.width + 1) - 1;
  const height = fields.length === 0 ? 0 : rows * (grid.height + 1) - 1;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) putColor(pixels, pixel, SEPARATOR);
  fields.forEach((field, index) => {
    const tile = fieldPixels(field, grid);
    const [left, top] = tileOrigin(index, grid, across);
    for (let y = 0; y < grid.height; y++) {
      pixels.set(tile.subarray(y * grid.width * 4, (y + 1) * grid.width * 4), ((top + y) * width + left) * 4);
    }
  });
  return { width, height, pixels };
}
