/**
 * Geometric shapes centred on a sensor, the classic stimuli of visual
 * neuroscience (oriented bars after Hubel & Wiesel 1962, discs and rings for
 * centre-surround fields). Lengths are fractions of the sensor's longer
 * side, so a disc stays round on any grid and a line sensor sees the cut
 * through the shape's middle. Edges are anti-aliased: a cell's intensity
 * falls from 1 to 0 as its centre crosses the edge over one cell.
 */
import { checkRange, checkShape, type SensorShape } from './sensor-grid';

/** A centred shape; lengths are fractions of the sensor's longer side. */
export type ShapeSpec =
  /** A bar across the whole sensor, `angle_deg` counter-clockwise from horizontal (90: vertical), `width` thick. */
  | { kind: 'bar'; angle_deg: number; width: number }
  /** A filled disc of radius `radius` (at most 1/2: it fits the sensor). */
  | { kind: 'disc'; radius: number }
  /** A circle's outline: radius `radius` to the middle of a stroke `width` thick. */
  | { kind: 'ring'; radius: number; width: number }
  /** A filled axis-aligned square of side `size`. */
  | { kind: 'square'; size: number }
  /** A plus sign: two bars `width` thick, each `size` long. */
  | { kind: 'cross'; size: number; width: number };

/** The shapes on offer: bar, disc, ring, square, cross. */
export type ShapeKind = ShapeSpec['kind'];

/** Signed distance (cells) from a point (dx, dy) relative to the centre to a box of half-sides hx, hy: negative inside. */
function boxDistance(dx: number, dy: number, hx: number, hy: number): number {
  return Math.max(Math.abs(dx) - hx, Math.abs(dy) - hy);
}

/** The shape's signed distance function in cells, after checking its parameters; `unit` is the longer side in cells. */
function distanceFunction(spec: ShapeSpec, unit: number): (dx: number, dy: number) => number {
  const at = `shapePattern(${spec.kind})`;
  switch (spec.kind) {
    case 'bar': {
      if (!Number.isFinite(spec.angle_deg)) throw new RangeError(`${at}: angle_deg must be a finite number, got ${spec.angle_deg}`);
      const half = (checkRange(at, 'width', spec.width, 0, 1, true) * unit) / 2;
      const angle = (spec.angle_deg * Math.PI) / 180;
      // Rows grow downward, so the bar's direction on screen is (cos a, -sin a); its normal is (sin a, cos a).
      const nx = Math.sin(angle);
      const ny = Math.cos(angle);
      return (dx, dy) => Math.abs(dx * nx + dy * ny) - half;
    }
    case 'disc': {
      const r = checkRange(at, 'radius', spec.radius, 0, 0.5, true) * unit;
      return (dx, dy) => Math.hypot(dx, dy) - r;
    }
    case 'ring': {
      const r = checkRange(at, 'radius', spec.radius, 0, 0.5, true) * unit;
      const half = (checkRange(at, 'width', spec.width, 0, 1, true) * unit) / 2;
      return (dx, dy) => Math.abs(Math.hypot(dx, dy) - r) - half;
    }
    case 'square': {
      const half = (checkRange(at, 'size', spec.size, 0, 1, true) * unit) / 2;
      return (dx, dy) => boxDistance(dx, dy, half, half);
    }
    case 'cross': {
      const arm = (checkRange(at, 'size', spec.size, 0, 1, true) * unit) / 2;
      const half = (checkRange(at, 'width', spec.width, 0, 1, true) * unit) / 2;
      return (dx, dy) => Math.min(boxDistance(dx, dy, arm, half), boxDistance(dx, dy, half, arm));
    }
    default: {
      const unknown: never = spec;
      throw new RangeError(`shapePattern: spec.kind must be bar, disc, ring, square or cross, got ${(unknown as { kind: unknown }).kind}`);
    }
  }
}

/**
 * A shape centred on the sensor. A cell whose centre lies d cells inside the
 * edge (d < 0 outside) gets clamp(d + 1/2, 0, 1): 1/2 on the edge, full
 * half a cell in, the usual one-cell anti-aliasing ramp.
 */
export function shapePattern(shape: SensorShape, spec: ShapeSpec): Float32Array {
  const cells = checkShape(shape, 'shapePattern');
  const distance = distanceFunction(spec, Math.max(shape.width, shape.height));
  const out = new Float32Array(cells);
  const cx = shape.width / 2;
  const cy = shape.height / 2;
  for (let y = 0; y < shape.height; y++) {
    for (let x = 0; x < shape.width; x++) {
      const d = -distance(x + 0.5 - cx, y + 0.5 - cy);
      out[y * shape.width + x] = Math.min(1, Math.max(0, d + 0.5));
    }
  }
  return out;
}
