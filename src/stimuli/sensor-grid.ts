/**
 * The grid a sensor's intensities live on, and the checks and resampling
 * every pattern shares. A pattern is one intensity in [0, 1] per neuron,
 * row-major over width x height; a line of n neurons is n x 1.
 */
import { LIMITS } from '@/model/limits';
import type { Layout } from '@/model';

/** Cells of a sensor: width x height, row-major; a line of n neurons is n x 1. */
export interface SensorShape {
  width: number;
  height: number;
}

/** The shape of a sensor population: its grid, or a line of `size` neurons. */
export function sensorShape(layout: Layout, size: number): SensorShape {
  return layout.kind === 'grid' ? { width: layout.width, height: layout.height } : { width: size, height: 1 };
}

/** Number of cells of `shape` after checking it: whole sides >= 1, at most a population's capacity in all. */
export function checkShape(shape: SensorShape, at: string): number {
  for (const side of ['width', 'height'] as const) {
    const n = shape[side];
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${at}: shape.${side} must be a whole number >= 1, got ${n}`);
  }
  const cells = shape.width * shape.height;
  if (cells > LIMITS.maxPopulationCapacity) throw new RangeError(`${at}: shape ${shape.width}x${shape.height} has ${cells} cells, more than the limit ${LIMITS.maxPopulationCapacity}`);
  return cells;
}

/** Throws a RangeError naming `name` unless lo <= value <= hi (lo excluded when `openLo`); NaN never passes. */
export function checkRange(at: string, name: string, value: number, lo: number, hi: number, openLo = false): number {
  const ok = openLo ? value > lo && value <= hi : value >= lo && value <= hi;
  if (!ok) throw new RangeError(`${at}: ${name} must be in ${openLo ? '(' : '['}${lo}, ${hi}], got ${value}`);
  return value;
}

/** For each target cell along one axis, the source cells it overlaps and the share of its length each covers. */
interface AxisWeights {
  /** First source cell of target cell j. */
  first: Int32Array;
  /** weight[offset[j] + k]: share of target cell j covered by source cell first[j] + k; the shares sum to 1. */
  offset: Int32Array;
  weight: Float64Array;
}

/**
 * Box-filter weights from n source cells to m target cells on [0, n): target
 * cell j spans [j n / m, (j + 1) n / m). Downsampling averages the cells a
 * target covers; upsampling gives each target the one or two sources under it.
 */
function axisWeights(n: number, m: number): AxisWeights {
  const scale = n / m;
  const first = new Int32Array(m);
  const offset = new Int32Array(m + 1);
  const weights: number[] = [];
  for (let j = 0; j < m; j++) {
    const lo = j * scale;
    const hi = (j + 1) * scale;
    first[j] = Math.floor(lo);
    offset[j] = weights.length;
    for (let i = first[j]; i < hi && i < n; i++) weights.push((Math.min(hi, i + 1) - Math.max(lo, i)) / scale);
  }
  offset[m] = weights.length;
  return { first, offset, weight: Float64Array.from(weights) };
}

/**
 * `values` on a `from` grid averaged onto a `to` grid by area: each target
 * cell is the mean of the source over the rectangle it covers (separable, as
 * the overlap of two rectangles is the product of their overlaps per axis).
 * Equal grids give an exact copy.
 */
export function resampleArea(values: Float32Array, from: SensorShape, to: SensorShape): Float32Array {
  if (from.width === to.width && from.height === to.height) return values.slice();
  const xs = axisWeights(from.width, to.width);
  const ys = axisWeights(from.height, to.height);
  const out = new Float32Array(to.width * to.height);
  for (let ty = 0; ty < to.height; ty++) {
    for (let tx = 0; tx < to.width; tx++) {
      let sum = 0;
      for (let a = ys.offset[ty]; a < ys.offset[ty + 1]; a++) {
        const row = (ys.first[ty] + a - ys.offset[ty]) * from.width;
        for (let b = xs.offset[tx]; b < xs.offset[tx + 1]; b++) sum += ys.weight[a] * xs.weight[b] * values[row + xs.first[tx] + b - xs.offset[tx]];
      }
      out[ty * to.width + tx] = sum;
    }
  }
  return out;
}
