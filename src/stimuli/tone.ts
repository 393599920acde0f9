/**
 * A cochlea: channels ordered by best frequency along x (every row of a grid
 * cochlea is the same). Along the basilar membrane, place maps to frequency
 * by Greenwood's function F = A (10^(a x) - k) (Greenwood 1990, JASA
 * 87:2592); above a few hundred hertz the -k hardly matters and equal
 * distances are equal frequency ratios. So the channels are spaced evenly on
 * a log-frequency axis, and a pure tone excites a bump of channels around
 * its place whose width is a fixed number of octaves wherever it lies.
 */
import { checkRange, checkShape, type SensorShape } from './sensor-grid';

/** Best frequency of the first channel, Hz. */
export const COCHLEA_MIN_HZ = 100;
/** Best frequency of the last channel, Hz. */
export const COCHLEA_MAX_HZ = 8000;
/** Standard deviation of a tone's excitation across channels, octaves: about a critical band (1/3 octave). */
export const TONE_WIDTH_OCTAVES = 1 / 3;

/** Best frequency of channel `channel` of `channels`, Hz: 100 x 80^(channel / (channels - 1)); one channel sits at the geometric middle, 894 Hz. */
export function channelFrequencyHz(channel: number, channels: number): number {
  const position = channels === 1 ? 0.5 : channel / (channels - 1);
  return COCHLEA_MIN_HZ * (COCHLEA_MAX_HZ / COCHLEA_MIN_HZ) ** position;
}

/**
 * A pure tone of `frequencyHz` on a cochlea with `shape.width` channels:
 * channel c gets exp(-d^2 / (2 w^2)), d = log2(frequencyHz / f_c) octaves
 * from its best frequency f_c and w = `widthOctaves` (in (0, 8]: wider
 * than the whole cochlea, log2 80 = 6.3 octaves, is pointless); 1 at a
 * channel tuned exactly to the tone.
 */
export function tonePattern(shape: SensorShape, frequencyHz: number, options: { widthOctaves?: number } = {}): Float32Array {
  const cells = checkShape(shape, 'tonePattern');
  checkRange('tonePattern', 'frequencyHz', frequencyHz, COCHLEA_MIN_HZ, COCHLEA_MAX_HZ);
  const width = checkRange('tonePattern', 'widthOctaves', options.widthOctaves ?? TONE_WIDTH_OCTAVES, 0, 8, true);
  const out = new Float32Array(cells);
  for (let x = 0; x < shape.width; x++) {
    const d = Math.log2(frequencyHz / channelFrequencyHz(x, shape.width));
    out[x] = Math.exp(-(d * d) / (2 * width * width));
  }
  for (let y = 1; y < shape.height; y++) out.copyWithin(y * shape.width, 0, shape.width);
  return out;
}
