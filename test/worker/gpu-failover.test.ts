/**
 * The worker's WebGPU path on a real device (Dawn in Node; SwiftShader where
 * there is no GPU): the host runs the default experiment on the WebGPU
 * engine with the shaders as the browser bundle carries them, snapshots it,
 * and when the device is destroyed carries on on the CPU engine from that
 * snapshot. Skipped only where there is no WebGPU adapter at all.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/model';
import { describeAdapter } from '@/sim/gpu/device';
import { chooseEngine } from '@/worker/engines';
import { SNAPSHOT_INTERVAL_MS } from '@/worker/host';
import { SHADER_SOURCES } from '@/worker/shaders';
import { device } from '../sim/gpu/harness';
import { HostHarness } from './host-harness';

/** The balanced network: its retina's 20 Hz gives a known spike count. */
const genome = PRESETS.balanced.genome({});

describe.skipIf(!device)('the worker on WebGPU, then on the CPU after the device is lost', () => {
  it('runs the default experiment on WebGPU, and after device.destroy() resumes on the CPU at the snapshot of step 1,500', async () => {
    // navigator.gpu as the browser gives it, handing out the test's device (one device per test file).
    const adapter = { info: device!.adapterInfo, limits: device!.limits, requestDevice: async () => device };
    const gpu = { requestAdapter: async () => adapter } as unknown as GPU;
    const h = new HostHarness({}, { createEngine: (connectome) => chooseEngine(connectome, gpu, SHADER_SOURCES) });
    await h.send({ type: 'load', genome });
    expect(h.last('engine').engine).toEqual({ backend: 'webgpu', label: `WebGPU (${describeAdapter(adapter as unknown as GPUAdapter)})`, fallback: null, resumedAtStep: null });
    expect(h.last('ready').backend).toBe('webgpu');

    // 256 Poisson sources at 20 Hz over 100 ms: 512 spikes expected, Poisson sd 22.6; 5 sd either side.
    await h.send({ type: 'step', steps: 1000 });
    const frame = h.last('frame');
    expect([frame.stepStart, frame.stepEnd]).toEqual([0, 1000]);
    expect(Math.abs(frame.populationSpikes[0] - 512)).toBeLessThan(5 * 22.6);
    expect(frame.spikeNeuron.length).toBe(frame.populationSpikes.reduce((a, b) => a + b, 0));

    // A snapshot is due once SNAPSHOT_INTERVAL_MS of wall time has passed: the next step message takes it, at step 1,500.
    h.nowMs += SNAPSHOT_INTERVAL_MS;
    await h.send({ type: 'step', steps: 500 });
    await h.send({ type: 'step', steps: 100 });
    await h.send({ type: 'loseDevice' });
    // Dawn resolves device.lost on its own schedule: wait for the engine report rather than a fixed time.
    await expect.poll(() => h.all('engine').length, { timeout: 5000 }).toBe(2);
    expect(h.last('engine').engine).toEqual({
      backend: 'cpu',
      label: 'CPU',
      fallback: expect.stringMatching(/^WebGPU device lost \(destroyed\): /),
      resumedAtStep: 1500,
    });
    expect(h.all('error')).toEqual([]);

    await h.send({ type: 'step', steps: 1000 });
    const resumed = h.last('frame');
    expect([resumed.stepStart, resumed.stepEnd]).toEqual([1500, 2500]);
    expect(Math.abs(resumed.populationSpikes[0] - 512)).toBeLessThan(5 * 22.6);
    expect(h.last('status').step).toBe(2500);
  });
});
