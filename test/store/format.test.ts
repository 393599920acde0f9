import { describe, expect, it } from 'vitest';
import { engineLabel, errorTitle, formatCount, formatFactor, formatRate, formatSimTime } from '@/store';

describe('what the control bar prints', () => {
  it('names the engines "CPU" and "WebGPU"', () => {
    expect([engineLabel('cpu'), engineLabel('webgpu')]).toEqual(['CPU', 'WebGPU']);
  });

  it('prints simulated time in seconds to 10 ms: 12,340 ms -> "12.34 s", 0 -> "0.00 s"', () => {
    expect([formatSimTime(12_340), formatSimTime(0)]).toEqual(['12.34 s', '0.00 s']);
  });

  it('prints the real-time factor with 2 decimals below 10 and none above: 0.984 -> "0.98×", 12.4 -> "12×"', () => {
    expect([formatFactor(0.984), formatFactor(12.4)]).toEqual(['0.98×', '12×']);
  });

  it('prints counts with thousands separators and rates to 0.1 Hz: 140000 -> "140,000", 4.26 -> "4.3 Hz"', () => {
    expect([formatCount(140_000), formatRate(4.26)]).toEqual(['140,000', '4.3 Hz']);
  });

  it('says what still works after a genome error and after the worker died', () => {
    expect(errorTitle('genome')).toBe('Invalid genome: the current network keeps running');
    expect(errorTitle('worker')).toContain('reload the page');
  });
});
