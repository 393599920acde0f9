/**
 * Stimuli on sensors through the host on the WebGPU engine (Dawn in Node,
 * SwiftShader where there is no GPU): a held pattern bound mid-run changes
 * the retina's rates on the device at once, as on the CPU engine.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/model';
import { chooseEngine } from '@/worker/engines';
import { SHADER_SOURCES } from '@/worker/shaders';
import { device } from '../sim/gpu/harness';
import { HostHarness } from './host-harness';

/** The balanced network's retina: 256 sources at 20 Hz; bound to half white, 128 sources at 63.75 Hz. */
const genome = PRESETS.balanced.genome({ neurons: 100 });

describe.skipIf(!device)('stimuli on the WebGPU engine', () => {
  it('binds half the retina white after 1,000 steps: the next 1,000 steps bring 816 +- 5 sd retina spikes, all from the white half', async () => {
    const adapter = { info: device!.adapterInfo, limits: device!.limits, requestDevice: async () => device };
    const gpu = { requestAdapter: async () => adapter } as unknown as GPU;
    const h = new HostHarness({}, { createEngine: (connectome) => chooseEngine(connectome, gpu, SHADER_SOURCES) });
    await h.send({ type: 'load', genome });
    expect(h.last('ready').backend).toBe('webgpu');
    await h.send({ type: 'step', steps: 1000 });
    const half = Float32Array.from({ length: 256 }, (_, i) => (i < 128 ? 1 : 0));
    await h.send({ type: 'bind', sensor: 'retina', program: { label: 'half', patterns: [half], presentMs: 100, restMs: 0, loop: true } });
    await h.send({ type: 'step', steps: 1000 });
    const frame = h.last('frame');
    expect([frame.stepStart, frame.stepEnd]).toEqual([1000, 2000]);
    expect(Math.abs(frame.populationSpikes[0] - 816)).toBeLessThan(5 * Math.sqrt(816));
    expect(Array.from(frame.spikeNeuron).filter((n) => n >= 128 && n < 256)).toEqual([]);
  });
});
