import { describe, expect, it } from 'vitest';
import { channelFrequencyHz, COCHLEA_MAX_HZ, COCHLEA_MIN_HZ, TONE_WIDTH_OCTAVES, tonePattern } from '@/stimuli';

const line28 = { width: 28, height: 1 };
/** Octaves between neighbouring channels of 28: log2(8000 / 100) / 27 = 0.2341. */
const SPACING = Math.log2(COCHLEA_MAX_HZ / COCHLEA_MIN_HZ) / 27;

describe('channelFrequencyHz', () => {
  it('spans 100 Hz to 8 kHz on a log axis: channel 0 is 100 Hz, 27 of 28 is 8000 Hz, 9 of 28 is 100 x 80^(1/3) = 430.9 Hz', () => {
    expect(channelFrequencyHz(0, 28)).toBeCloseTo(100, 9);
    expect(channelFrequencyHz(27, 28)).toBeCloseTo(8000, 6);
    expect(channelFrequencyHz(9, 28)).toBeCloseTo(100 * 80 ** (1 / 3), 6);
  });

  it('puts a lone channel at the geometric middle, sqrt(100 x 8000) = 894.4 Hz', () => {
    expect(channelFrequencyHz(0, 1)).toBeCloseTo(Math.sqrt(800000), 6);
  });
});

describe('tonePattern', () => {
  it('peaks at 1 on the channel tuned to the tone and falls as exp(-d^2 / (2 w^2)) with w = 1/3 octave: 0.781 one channel away (d = 0.2341)', () => {
    const out = tonePattern(line28, 100);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(Math.exp(-(SPACING * SPACING) / (2 * TONE_WIDTH_OCTAVES ** 2)), 6);
    expect(out[1]).toBeCloseTo(0.781, 3);
  });

  it('is symmetric on the log axis around its channel: a tone at channel 10 excites channels 9 and 11 alike', () => {
    const out = tonePattern(line28, channelFrequencyHz(10, 28));
    expect(out[10]).toBeCloseTo(1, 6);
    expect(out[9]).toBeCloseTo(out[11], 6);
  });

  it('places 1 kHz at channel round(27 log2(10) / log2(80)) = 14', () => {
    const out = tonePattern(line28, 1000);
    expect(out.indexOf(Math.max(...out))).toBe(14);
  });

  it('widens with widthOctaves: at 1 octave, a channel 1.054 octaves away (7 channels over 6.32) gets exp(-1.054^2 / 2) = 0.574', () => {
    const out = tonePattern({ width: 7, height: 1 }, 100, { widthOctaves: 1 });
    const d = Math.log2(80) / 6;
    expect(out[1]).toBeCloseTo(Math.exp(-(d * d) / 2), 6);
  });

  it('repeats the channels on every row of a grid cochlea (frequency along x)', () => {
    const out = tonePattern({ width: 28, height: 4 }, 440);
    const row = out.subarray(0, 28);
    for (let y = 1; y < 4; y++) expect(out.subarray(y * 28, y * 28 + 28)).toEqual(row);
  });

  it('refuses tones outside 100 Hz..8 kHz, NaN and a width <= 0', () => {
    expect(() => tonePattern(line28, 50)).toThrow(new RangeError('tonePattern: frequencyHz must be in [100, 8000], got 50'));
    expect(() => tonePattern(line28, 9000)).toThrow('frequencyHz');
    expect(() => tonePattern(line28, NaN)).toThrow('frequencyHz');
    expect(() => tonePattern(line28, 440, { widthOctaves: 0 })).toThrow('tonePattern: widthOctaves must be in (0, 8], got 0');
  });
});
