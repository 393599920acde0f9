import { describe, expect, it } from 'vitest';
import { cubaBytesPerStep, formatGpuBounds, gpuBound } from '@/cli/bench-gpu-bound';

/** 1,000 steps of N = 4,000 in 1 s (1 ms per step), 2 spikes and 200 synaptic events per step. */
const run = { neurons: 4000, steps: 1000, runS: 1, spikes: 2000, synapticEvents: 200_000 };

describe('what bounds the WebGPU engine', () => {
  it('counts the bytes a step moves: 4,000 x 40 B + 200 events x 20 B + 2 spikes x 20 B = 164,040 B', () => {
    expect(cubaBytesPerStep(4000, 200, 2)).toBe(164_040);
  });

  it('names dispatch overhead when the near-empty step takes most of the step: 0.9 ms of 1 ms', () => {
    expect(gpuBound(run, 0.9e-3, 1e12)).toMatchObject({ stepS: 1e-3, overheadShare: expect.closeTo(0.9, 12), bound: 'dispatch overhead' });
  });

  it('names memory bandwidth when the step moves bytes at most of the copy rate: 164 MB/s of 200 MB/s (82%) beats 10% overhead', () => {
    const b = gpuBound(run, 0.1e-3, 2e8);
    expect(b.bytesPerS).toBeCloseTo(1.6404e8, 0);
    expect(b.bandwidthShare).toBeCloseTo(0.8202, 4);
    expect(b.bound).toBe('memory bandwidth');
  });

  it("names the kernels' own work when neither share reaches half: 10% overhead, 1.6% of the copy rate", () => {
    expect(gpuBound(run, 0.1e-3, 1e10).bound).toBe('kernel work');
  });

  it('prints a row per size with its step time, shares and bound', () => {
    const table = formatGpuBounds([gpuBound(run, 0.9e-3, 1e10)], 0.9e-3, 1e10).split('\n');
    expect(table[0]).toBe('Near-empty network (CUBA\'s neurons at N = 64, no synapses; 3 dispatches of one workgroup): 900 µs per step. Buffer copy bandwidth: 10.0 GB/s (read + written).');
    expect(table[4]).toBe('| 4,000 | 1000 | 90% | 0.164 | 0.164 | 1.6% | 200 | dispatch overhead |');
  });
});
