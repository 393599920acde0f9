/**
 * A person's drawing on a sensor: strokes of points in the unit square
 * ((0, 0) top left, (1, 1) bottom right, stretched over the whole sensor),
 * painted with a soft round brush along the segments between them.
 */
import { checkRange, checkShape, type SensorShape } from './sensor-grid';

/** A point of a stroke in unit-square coordinates: x rightward, y downward, each in [0, 1]. */
export interface StrokePoint {
  x: number;
  y: number;
}

/** A round brush; `radius` is a fraction of the sensor's longer side, in (0, 1/2]. */
export interface Brush {
  radius: number;
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by); a point when the two ends meet. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax;
  const ey = by - ay;
  const length2 = ex * ex + ey * ey;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * ex + (py - ay) * ey) / length2));
  return Math.hypot(px - ax - t * ex, py - ay - t * ey);
}

/** Paints the segment a-b (cell coordinates) into `out`, keeping the brighter of old and new. */
function paintSegment(out: Float32Array, shape: SensorShape, a: StrokePoint, b: StrokePoint, r: number, soft: number): void {
  const { width, height } = shape;
  // Only cells whose centres lie within r of the segment can be painted.
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - r));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + r));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + r));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const v = Math.min(1, (r - segmentDistance(x + 0.5, y + 0.5, a.x, a.y, b.x, b.y)) / soft);
      const k = y * width + x;
      if (v > out[k]) out[k] = v;
    }
  }
}

/**
 * The drawing on the sensor. A cell whose centre is d cells from the nearest
 * stroke gets clamp((r - d) / s, 0, 1) for a brush of r cells: full up to
 * r - s, fading linearly to 0 at r, with s = max(r / 2, 1) so the fade is
 * at least one cell wide (anti-aliased). A stroke of one point is a dot;
 * where strokes cross, the brighter wins.
 */
export function strokePattern(shape: SensorShape, strokes: readonly (readonly StrokePoint[])[], brush: Brush): Float32Array {
  const cells = checkShape(shape, 'strokePattern');
  const { width, height } = shape;
  const r = checkRange('strokePattern', 'brush.radius', brush.radius, 0, 0.5, true) * Math.max(width, height);
  const soft = Math.max(r / 2, 1);
  const points = strokes.map((stroke, s) =>
    stroke.map((p, i) => ({
      x: checkRange('strokePattern', `strokes[${s}][${i}].x`, p.x, 0, 1) * width,
      y: checkRange('strokePattern', `strokes[${s}][${i}].y`, p.y, 0, 1) * height,
    })),
  );
  const out = new Float32Array(cells);
  for (const stroke of points) {
    if (stroke.length === 1) paintSegment(out, shape, stroke[0], stroke[0], r, soft);
    for (let i = 1; i < stroke.length; i++) paintSegment(out, shape, stroke[i - 1], stroke[i], r, soft);
  }
  return out;
}
