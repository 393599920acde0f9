import { describe, expect, it } from 'vitest';
import { RateMeter } from '@/worker/rate-meter';

describe('RateMeter', () => {
  // rate = spikes / neurons / window: 50 / 100 / 0.1 s = 5 Hz; 30 / 10 / 0.1 s = 30 Hz.
  it('gives 5 Hz and 30 Hz for 50 spikes of 100 neurons and 30 spikes of 10 neurons over 1,000 steps of 0.1 ms', () => {
    const meter = new RateMeter([100, 10], 0.1);
    meter.add(new Float64Array([20, 10]), 400);
    meter.add(new Float64Array([30, 20]), 600);
    const [a, b] = meter.take();
    expect(a).toBeCloseTo(5, 12);
    expect(b).toBeCloseTo(30, 12);
  });

  it('starts a new window after take: 10 spikes of 100 neurons in 100 steps of 1 ms is 1 Hz', () => {
    const meter = new RateMeter([100], 1);
    meter.add(new Float64Array([500]), 100);
    meter.take();
    meter.add(new Float64Array([10]), 100);
    expect(meter.take()[0]).toBeCloseTo(1, 12);
  });

  it('repeats the last rates (2 Hz) for an empty window, and gives 0 Hz for an empty population', () => {
    const meter = new RateMeter([50, 0], 0.5);
    meter.add(new Float64Array([10, 0]), 200);
    expect(meter.take()).toEqual([2, 0]);
    expect(meter.take()).toEqual([2, 0]);
  });
});
