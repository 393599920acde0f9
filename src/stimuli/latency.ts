/**
 * Latency code (time-to-first-spike): each pixel fires once per presentation,
 * the brighter the earlier (Thorpe, Delorme & Van Rullen 2001, Neural
 * Networks 14:715): full intensity at 0 ms, intensity 1 near the end of the
 * window, black never.
 */
import { MAX_INTENSITY } from './rate';

/** Spike time of each pixel after the presentation starts, ms: windowMs x (1 - intensity / 255); Infinity (no spike) at 0. */
export function latencyEncode(image: Uint8Array, windowMs: number, out: Float32Array = new Float32Array(image.length)): Float32Array {
  if (!(windowMs > 0)) throw new RangeError(`latencyEncode: windowMs must be > 0, got ${windowMs}`);
  if (out.length !== image.length) throw new RangeError(`latencyEncode: out holds ${out.length} times for ${image.length} pixels`);
  for (let i = 0; i < image.length; i++) out[i] = image[i] === 0 ? Infinity : windowMs * (1 - image[i] / MAX_INTENSITY);
  return out;
}
