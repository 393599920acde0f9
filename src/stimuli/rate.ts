/**
 * Rate code: each pixel drives one Poisson source at a rate proportional to
 * its intensity (Diehl & Cook 2015: intensity / 4 Hz, 63.75 Hz at 255).
 */

/** Full intensity of a byte pixel. */
export const MAX_INTENSITY = 255;

/** Rates in Hz: intensity / 255 x maxRateHz (0 -> 0 Hz, 255 -> maxRateHz). Writes into `out` when given. */
export function rateEncode(image: Uint8Array, maxRateHz: number, out: Float32Array = new Float32Array(image.length)): Float32Array {
  if (!(maxRateHz >= 0)) throw new RangeError(`rateEncode: maxRateHz must be >= 0, got ${maxRateHz}`);
  if (out.length !== image.length) throw new RangeError(`rateEncode: out holds ${out.length} rates for ${image.length} pixels`);
  const hzPerLevel = maxRateHz / MAX_INTENSITY;
  for (let i = 0; i < image.length; i++) out[i] = image[i] * hzPerLevel;
  return out;
}
