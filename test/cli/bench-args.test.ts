import { describe, expect, it } from 'vitest';
import { UsageError } from '@/cli/args';
import { DEFAULT_SIZES, defaultRepeats, parseBenchArgs } from '@/cli/bench-args';

describe('parseBenchArgs', () => {
  it('defaults to N = 4,000, 16,000, 64,000 with Brian2, 1 s, seed 1', () => {
    expect(parseBenchArgs([])).toEqual({ sizes: DEFAULT_SIZES, brian2: true, digits: true, repeats: undefined, durationS: 1, seed: 1, help: false });
    expect(DEFAULT_SIZES).toEqual([4000, 16000, 64000]);
  });

  it('reads --sizes 4000,16000 --no-brian2 --no-digits --repeats 5', () => {
    expect(parseBenchArgs(['--sizes', '4000,16000', '--no-brian2', '--no-digits', '--repeats', '5'])).toMatchObject({ sizes: [4000, 16000], brian2: false, digits: false, repeats: 5 });
  });

  it('refuses a size below 400 neurons (p = 80 / N would pass 0.2) and 0 repeats', () => {
    expect(() => parseBenchArgs(['--sizes', '100'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--sizes', '100', '--repeats', '0'])).toThrow('--sizes: 100 is below the minimum 400\n--repeats: 0 is below the minimum 1');
  });

  it('repeats 3 times up to 16,000 neurons and once above', () => {
    expect([4000, 16000, 64000].map(defaultRepeats)).toEqual([3, 3, 1]);
  });
});
