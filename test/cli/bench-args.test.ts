import { describe, expect, it } from 'vitest';
import { UsageError } from '@/cli/args';
import { DEFAULT_GPU_SIZES, DEFAULT_SIZES, defaultRepeats, GPU_MAX_RUN_S, parseBenchArgs } from '@/cli/bench-args';

describe('parseBenchArgs', () => {
  it('defaults to N = 4,000, 16,000, 64,000 with Brian2, the WebGPU engine up to 1,000,000, 1 s, seed 1', () => {
    expect(parseBenchArgs([])).toEqual({
      sizes: DEFAULT_SIZES,
      gpuSizes: DEFAULT_GPU_SIZES,
      brian2: true,
      gpu: true,
      digits: true,
      digitsEval: false,
      evalImages: undefined,
      evalCopies: undefined,
      repeats: undefined,
      durationS: 1,
      gpuDurationS: undefined,
      gpuMaxRunS: GPU_MAX_RUN_S,
      seed: 1,
      help: false,
    });
    expect(DEFAULT_SIZES).toEqual([4000, 16000, 64000]);
    expect(DEFAULT_GPU_SIZES).toEqual([4000, 16000, 64000, 256000, 1000000]);
  });

  it('reads --sizes 4000,16000 --no-brian2 --no-digits --repeats 5', () => {
    expect(parseBenchArgs(['--sizes', '4000,16000', '--no-brian2', '--no-digits', '--repeats', '5'])).toMatchObject({ sizes: [4000, 16000], brian2: false, digits: false, repeats: 5 });
  });

  it('reads the WebGPU flags: --gpu-sizes 4000,1000000 --gpu-duration 20ms --gpu-max-run 1s --no-gpu --digits-eval --eval-images 64 --eval-copies 32', () => {
    const argv = ['--gpu-sizes', '4000,1000000', '--gpu-duration', '20ms', '--gpu-max-run', '1s', '--no-gpu', '--digits-eval', '--eval-images', '64', '--eval-copies', '32'];
    expect(parseBenchArgs(argv)).toMatchObject({ gpuSizes: [4000, 1_000_000], gpuDurationS: 0.02, gpuMaxRunS: 1, gpu: false, digitsEval: true, evalImages: 64, evalCopies: 32 });
  });

  it('refuses a size below 400 neurons (p = 80 / N would pass 0.2), 0 repeats and 0 copies, naming each flag', () => {
    expect(() => parseBenchArgs(['--sizes', '100'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--sizes', '100', '--repeats', '0'])).toThrow('--sizes: 100 is below the minimum 400\n--repeats: 0 is below the minimum 1');
    expect(() => parseBenchArgs(['--gpu-sizes', '100', '--eval-copies', '0'])).toThrow('--gpu-sizes: 100 is below the minimum 400\n--eval-copies: 0 is below the minimum 1');
  });

  it('repeats 3 times up to 16,000 neurons and once above', () => {
    expect([4000, 16000, 64000].map(defaultRepeats)).toEqual([3, 3, 1]);
  });
});
