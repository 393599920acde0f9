import { describe, expect, it } from 'vitest';
import { chunkSteps, runInChunks, stepsFor } from '@/cli/run';
import { cubaGenome, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

describe('stepsFor and chunkSteps', () => {
  it('makes 1 s at dt 0.1 ms 10,000 steps, 0.25 ms at 0.1 ms 3 steps (nearest), never 0; chunks of 10 ms are 100 steps', () => {
    expect(stepsFor(1, 0.1)).toBe(10_000);
    expect(stepsFor(0.00025, 0.1)).toBe(3);
    expect(stepsFor(0.00001, 0.1)).toBe(1);
    expect(chunkSteps(0.1)).toBe(100);
    expect(chunkSteps(1)).toBe(10);
    expect(chunkSteps(20)).toBe(1);
  });
});

describe('runInChunks', () => {
  it('runs 250 steps as chunks of 100, 100, 50 whose frames add up to the totals', async () => {
    const connectome = buildConnectome(parseGenome(cubaGenome(400, 3)));
    const engine = new CpuEngine(connectome, { recordSpikes: true });
    const seen: [number, number, number][] = [];
    let spikes = 0;
    let events = 0;
    const totals = await runInChunks(engine, 2, 250, 100, (frame, done) => {
      seen.push([frame.stepStart, frame.stepEnd, done]);
      spikes += frame.spikeNeuron.length;
      events += frame.synapticEvents;
    });
    expect(seen).toEqual([
      [0, 100, 100],
      [100, 200, 200],
      [200, 250, 250],
    ]);
    expect(totals.steps).toBe(250);
    expect(totals.populationSpikes[0] + totals.populationSpikes[1]).toBe(spikes);
    expect(totals.synapticEvents).toBe(events);
    expect(totals.wallS).toBeGreaterThan(0);
  });
});
