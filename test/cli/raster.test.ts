import { describe, expect, it } from 'vitest';
import { RasterAccumulator } from '@/cli/raster';
import type { Frame } from '@/sim';

/** A frame over steps [start, end) with the given (step, neuron) spikes and population counts. */
function frame(start: number, end: number, spikes: [number, number][], populationSpikes: number[]): Frame {
  return {
    stepStart: start,
    stepEnd: end,
    spikeStep: Uint32Array.from(spikes.map((s) => s[0])),
    spikeNeuron: Uint32Array.from(spikes.map((s) => s[1])),
    populationSpikes: Float64Array.from(populationSpikes),
    synapticEvents: 0,
    modulators: new Float32Array(2),
    structure: { grown: 0, pruned: 0, born: 0, sample: new Uint32Array(0) },
    probe: null,
  };
}

const populations = [
  { name: 'A', start: 0, size: 2 },
  { name: 'B', start: 2, size: 2 },
];

describe('RasterAccumulator', () => {
  it('bins population rates: 3 spikes of 2 neurons in a 10 ms bin are 150 Hz; a 5 ms last bin with 1 spike is 100 Hz', () => {
    const raster = new RasterAccumulator(populations, 4, 0.1, 100);
    raster.add(frame(0, 100, [], [3, 0]));
    raster.add(frame(100, 150, [], [1, 0]));
    const s = raster.summary(false);
    expect(s.bin_ms).toBe(10);
    expect(s.rates_hz_per_bin.A).toEqual([150, 100]);
    expect(s.rates_hz_per_bin.B).toEqual([0, 0]);
    expect(s.active_fraction).toEqual({ A: null, B: null });
  });

  it('gives CV 0 for a clock-like neuron (ISIs 100, 100, 100 steps) and CV 0.5 for ISIs 50, 150 (sd 50 / mean 100)', () => {
    const raster = new RasterAccumulator(populations, 4, 0.1, 1000);
    const clock: [number, number][] = [0, 100, 200, 300].map((t) => [t, 0]);
    const uneven: [number, number][] = [0, 50, 200].map((t) => [t, 2]);
    raster.add(frame(0, 1000, [...clock, ...uneven].sort((a, b) => a[0] - b[0]), [4, 3]));
    const s = raster.summary(true);
    expect(s.cv_isi.A).toBe(0);
    expect(s.cv_isi.B).toBeCloseTo(0.5, 12);
    expect(s.active_fraction).toEqual({ A: 0.5, B: 0.5 });
    expect(s.spikes_recorded).toBe(7);
  });

  it('keeps intervals across frames and leaves CV null below three spikes', () => {
    const raster = new RasterAccumulator(populations, 4, 0.1, 100);
    raster.add(frame(0, 100, [[90, 1], [95, 3]], [1, 1]));
    raster.add(frame(100, 200, [[190, 1]], [1, 0]));
    raster.add(frame(200, 300, [[290, 1]], [1, 0]));
    const s = raster.summary(true);
    expect(s.cv_isi).toEqual({ A: 0, B: null });
  });
});
