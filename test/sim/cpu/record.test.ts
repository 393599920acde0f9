import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, sources } from './fixtures';

describe('spike recording', () => {
  // 100 regular sources at 1,000 Hz and dt = 0.1 ms fire every 10 steps: exactly 100 spikes each in
  // 1,000 steps, 10,000 in all, more than the recording's first 4,096 slots, so it must grow twice.
  it('keeps all 10,000 spikes of 100 sources at 1,000 Hz over 1,000 steps, in step order, across buffer growth', () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('fast', 100, 'regular', 1000)] }));
    engine.step(1_000);
    const frame = engine.takeFrame();
    expect(frame.spikeNeuron.length).toBe(10_000);
    expect(frame.populationSpikes[0]).toBe(10_000);
    expect(frame.spikeStep.every((s, k) => k === 0 || s >= frame.spikeStep[k - 1])).toBe(true);
    const perNeuron = new Array<number>(100).fill(0);
    for (const n of frame.spikeNeuron) perNeuron[n]++;
    expect(perNeuron.every((count) => count === 100)).toBe(true);
  });

  it('returns an empty frame after a restore, starting at the snapshot\'s step', async () => {
    const engine = new CpuEngine(handConnectome({ populations: [sources('fast', 10, 'regular', 1000)] }));
    engine.step(40);
    const snapshot = await engine.snapshot();
    engine.step(60);
    await engine.restore(snapshot);
    const frame = engine.takeFrame();
    expect([frame.stepStart, frame.stepEnd, frame.spikeNeuron.length, frame.populationSpikes[0]]).toEqual([40, 40, 0, 0]);
  });
});
