/**
 * The benchmark's WebGPU run: each repeat starts from the same state (a
 * restore), so over 50 steps of CUBA at N = 400 it fires exactly the CPU
 * engine's spikes (the agreement suite's CUBA check: identical for 300
 * steps) and gives the same mean rate.
 */
import { describe, expect, it } from 'vitest';
import { runOurCuba } from '@/cli/bench-cuba';
import { runGpuCuba } from '@/cli/bench-gpu';
import { adapterName, device, sources } from '../sim/gpu/harness';

describe.skipIf(!device)('runGpuCuba', () => {
  it('times 2 repeats of 5 ms (50 steps) at N = 400, restoring the start before each: the last still fires the CPU engine spikes of steps 0..49', async () => {
    const gpu = { device: device!, adapter: adapterName, isFallback: false, sources };
    const [ours, cpu] = [await runGpuCuba(gpu, 400, 0.005, 1, 2), await runOurCuba(400, 0.005, 1, 1)];
    expect(ours.steps).toBe(50);
    expect(ours.runS).toHaveLength(2);
    expect(ours.runS.every((s) => s > 0)).toBe(true);
    expect(ours.spikes).toBeGreaterThan(0);
    expect(ours.spikes).toBe(cpu.spikes);
    expect(ours.synapticEvents).toBe(cpu.synapticEvents);
    expect(ours.meanRateHz).toBe(cpu.meanRateHz);
  });
});
