import { describe, expect, it } from 'vitest';
import type { PopulationLayout } from '@/sim';
import type { FrameMessage } from '@/worker/protocol';
import { RunStats } from '@/worker/run-stats';

const layout = (index: number, name: string, start: number, size: number): PopulationLayout => ({
  index,
  name,
  start,
  size,
  capacity: size,
  kind: index === 0 ? 'spike_source' : 'lif',
  sign: 'excitatory',
  role: index === 0 ? 'sensor' : 'hidden',
});

const frame = (stepStart: number, stepEnd: number, neurons: number[], perPopulation: number[]): FrameMessage => ({
  type: 'frame',
  stepStart,
  stepEnd,
  spikeStep: new Uint32Array(neurons.map(() => stepStart)),
  spikeNeuron: new Uint32Array(neurons),
  populationSpikes: new Float64Array(perPopulation),
  structure: { grown: 0, pruned: 0, born: 0, sample: new Uint32Array(0) },
  probe: null,
});

describe('RunStats', () => {
  it('sums two frames: retina 3 + 1 = 4, E 2 + 0 = 2 spikes, 6 recorded, 2 frames, last step 200', () => {
    const stats = new RunStats();
    stats.reset('cpu', [layout(0, 'retina', 0, 4), layout(1, 'E', 4, 4)]);
    stats.add(frame(0, 100, [0, 1, 2, 5, 6], [3, 2]));
    stats.add(frame(100, 200, [3], [1, 0]));
    expect(stats.snapshot()).toEqual({ backend: 'cpu', frames: 2, stepEnd: 200, spikesByPopulation: { retina: 4, E: 2 }, recordedSpikes: 6 });
  });

  it('starts from zero on a new network and hands out copies that cannot change the totals', () => {
    const stats = new RunStats();
    stats.reset('cpu', [layout(0, 'retina', 0, 4)]);
    stats.add(frame(0, 100, [0], [1]));
    const copy = stats.snapshot();
    copy.spikesByPopulation.retina = 1000;
    expect(stats.snapshot().spikesByPopulation.retina).toBe(1);
    stats.reset('cpu', [layout(0, 'retina', 0, 4)]);
    expect(stats.snapshot()).toEqual({ backend: 'cpu', frames: 0, stepEnd: 0, spikesByPopulation: { retina: 0 }, recordedSpikes: 0 });
  });
});
