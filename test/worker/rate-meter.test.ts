import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, RateMeter } from '@/worker/rate-meter';

describe('RateMeter', () => {
  // rate = spikes / neurons / window: 50 / 100 / 0.1 s = 5 Hz; 30 / 10 / 0.1 s = 30 Hz.
  it('gives 5 Hz and 30 Hz for 50 spikes of 100 neurons and 30 spikes of 10 neurons over 1,000 steps of 0.1 ms', () => {
    const meter = new RateMeter([100, 10], 0.1);
    meter.add(new Float64Array([20, 10]), 400);
    meter.add(new Float64Array([30, 20]), 600);
    const [a, b] = meter.ratesHz();
    expect(a).toBeCloseTo(5, 12);
    expect(b).toBeCloseTo(30, 12);
  });

  // Window 250 ms of 1 ms steps. Frames of 100 steps: 500, then 10, 10, 10 spikes of 100 neurons.
  // After the fourth frame the first (500 spikes) is more than the window needs: 30 / 100 / 0.3 s = 1 Hz.
  it(`keeps the most recent frames covering ${RATE_WINDOW_MS} ms of simulated time: 500 spikes, then three quiet frames give 1 Hz`, () => {
    const meter = new RateMeter([100], 1);
    meter.add(new Float64Array([500]), 100);
    meter.add(new Float64Array([10]), 100);
    meter.add(new Float64Array([10]), 100);
    // Still inside the window: (500 + 20) / 100 / 0.3 s.
    expect(meter.ratesHz()[0]).toBeCloseTo(520 / 30, 12);
    meter.add(new Float64Array([10]), 100);
    expect(meter.ratesHz()[0]).toBeCloseTo(1, 12);
  });

  // A step's frame of 10 steps (1 ms) after a 250 ms run: the rate is over 251 ms, not over the 1 ms step alone.
  it('does not let a short frame (one 1 ms step) stand for the rate: 200 Hz for 1 ms after 250 ms at 4 Hz reads 4.78 Hz', () => {
    const meter = new RateMeter([100], 0.1);
    meter.add(new Float64Array([100]), 2500);
    meter.add(new Float64Array([20]), 10);
    expect(meter.ratesHz()[0]).toBeCloseTo(120 / 100 / 0.251, 12);
  });

  it('drops a frame once the newer ones alone fill the window exactly (2,500 steps of 0.1 ms = 250 ms)', () => {
    const meter = new RateMeter([10], 0.1);
    meter.add(new Float64Array([1000]), 10);
    meter.add(new Float64Array([25]), 2500);
    expect(meter.ratesHz()[0]).toBeCloseTo(10, 12);
  });

  it('repeats the window while no frame comes (2 Hz twice), and gives 0 Hz before any frame and for an empty population', () => {
    const meter = new RateMeter([50, 0], 0.5);
    expect(meter.ratesHz()).toEqual([0, 0]);
    meter.add(new Float64Array([10, 0]), 200);
    expect(meter.ratesHz()).toEqual([2, 0]);
    expect(meter.ratesHz()).toEqual([2, 0]);
  });
});
