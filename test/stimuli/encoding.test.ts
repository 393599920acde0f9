import { describe, expect, it } from 'vitest';
import { parseGenome } from '@/model';
import { digitsGenome } from '@/model/presets/digits';
import { findRetina, latencyEncode, rateEncode, retinaRates } from '@/stimuli';

describe('rateEncode', () => {
  it('maps 255 to the max rate (63.75 Hz, Diehl & Cook: intensity / 4) and 0 to 0 Hz', () => {
    const rates = rateEncode(Uint8Array.from([0, 255, 128, 4]), 63.75);
    expect(Array.from(rates)).toEqual([0, 63.75, 32, 1]);
  });

  it('is linear: 51 is 1/5 of 255, so 20 Hz of 100 Hz', () => {
    expect(rateEncode(Uint8Array.from([51]), 100)[0]).toBeCloseTo(20, 5);
  });
});

describe('latencyEncode', () => {
  it('fires brighter pixels earlier: 255 at 0 ms, 51 at 80 ms of a 100 ms window, 0 never', () => {
    const t = latencyEncode(Uint8Array.from([255, 51, 0]), 100);
    expect(t[0]).toBe(0);
    expect(t[1]).toBeCloseTo(80, 4);
    expect(t[2]).toBe(Infinity);
  });

  it('orders spike times inversely to intensity', () => {
    const t = latencyEncode(Uint8Array.from([10, 200, 100]), 50);
    expect(t[1]).toBeLessThan(t[2]);
    expect(t[2]).toBeLessThan(t[0]);
  });
});

describe('retina', () => {
  const genome = parseGenome(digitsGenome(10, 1));

  it('finds the digits retina: population 0, 28x28, 63.75 Hz', () => {
    expect(findRetina(genome)).toEqual({ sensor: 'retina', population: 0, width: 28, height: 28, encoding: 'rate', maxRateHz: 63.75 });
  });

  it('turns a 784-pixel image into 784 rates, 255 -> 63.75 Hz', () => {
    const image = new Uint8Array(784);
    image[30] = 255;
    const rates = retinaRates(findRetina(genome), image);
    expect(rates.length).toBe(784);
    expect(rates[30]).toBe(63.75);
    expect(rates[31]).toBe(0);
  });

  it('refuses an image of the wrong size', () => {
    expect(() => retinaRates(findRetina(genome), new Uint8Array(100))).toThrow('an image of 100 pixels does not fit a 28x28 retina');
  });
});
