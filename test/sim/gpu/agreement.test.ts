/**
 * The WebGPU engine against the CPU reference: the same network, seed and
 * input give the same spikes, step for step, and the same state. Spike
 * trains are compared exactly. State is compared to a relative 1e-5: the
 * CPU evaluates each update in f64 and rounds once to f32, a GPU rounds
 * every f32 operation (and may fuse a multiply-add), so values differ in
 * their last bits; a spike would only differ if v landed within such a
 * difference of threshold, which these networks never do. Izhikevich v and
 * u get 1e-2: the upstroke (dv/dt grows with v^2) amplifies a last-bit
 * difference to hundredths of a mV before the reset wipes it out.
 */
import { describe, expect, it } from 'vitest';
import { buildConnectome } from '@/sim';
import { parseGenome } from '@/model';
import { cubaGenome } from '@/model/presets';
import type { EngineSnapshot } from '@/sim';
import { mixedNetwork } from '../cpu/network';
import { device, enginePair, maxRelativeError, spikeKeys } from './harness';

const STEPS = 400;

describe.skipIf(!device)('WebGPU engine against the CPU engine', () => {
  it('fires the same spikes for 400 steps in a mixed network (Poisson and regular sources, LIF current and conductance, Izhikevich, delays 1-5 steps)', async () => {
    const { cpu, gpu } = await enginePair(mixedNetwork(7));
    cpu.step(STEPS);
    gpu.step(STEPS);
    const [a, b] = [cpu.takeFrame(), await gpu.readFrame()];
    expect(a.spikeStep.length).toBeGreaterThan(250);
    expect(spikeKeys(b)).toEqual(spikeKeys(a));
    expect(Array.from(b.populationSpikes)).toEqual(Array.from(a.populationSpikes));
    expect(b.synapticEvents).toBe(a.synapticEvents);
    const [sa, sb] = [await cpu.snapshot(), await gpu.snapshot()];
    const z = cpu.connectome.populations.find((p) => p.kind === 'izhikevich')!;
    const lifOnly = (a: EngineSnapshot['arrays'][string]) => Array.from(a as Float32Array).filter((_, i) => i < z.start || i >= z.start + z.capacity);
    const izhikevichOnly = (a: EngineSnapshot['arrays'][string]) => (a as Float32Array).subarray(z.start, z.start + z.capacity);
    for (const name of ['v', 'ge', 'gi', 'gE', 'gI', 'phase']) expect(maxRelativeError(lifOnly(sb.arrays[name]), lifOnly(sa.arrays[name])), name).toBeLessThan(1e-5);
    for (const name of ['v', 'u']) expect(maxRelativeError(izhikevichOnly(sb.arrays[name]), izhikevichOnly(sa.arrays[name])), name).toBeLessThan(1e-2);
    for (const name of ['refractory', 'ring', 'alive']) expect(Array.from(sb.arrays[name]), name).toEqual(Array.from(sa.arrays[name]));
    gpu.destroy();
  });

  it('splits a run into frames at any step without losing or repeating a spike', async () => {
    const { cpu, gpu } = await enginePair(mixedNetwork(11));
    cpu.step(STEPS);
    const whole = spikeKeys(cpu.takeFrame());
    const parts: string[] = [];
    for (const steps of [1, 37, 256, 106]) {
      gpu.step(steps);
      parts.push(...spikeKeys(await gpu.readFrame()));
    }
    expect(parts).toEqual(whole);
    gpu.destroy();
  });

  it('moves a run between engines: CPU 200 steps, snapshot into the GPU, 200 more, equals 400 on the CPU', async () => {
    const { cpu, gpu } = await enginePair(mixedNetwork(5));
    const reference = (await enginePair(mixedNetwork(5))).cpu;
    reference.step(400);
    const whole = spikeKeys(reference.takeFrame()).filter((k) => Number(k.split(':')[0]) >= 200);
    cpu.step(200);
    await gpu.restore(await cpu.snapshot());
    gpu.step(200);
    expect(spikeKeys(await gpu.readFrame())).toEqual(whole);
    const back = (await enginePair(mixedNetwork(5))).cpu;
    await back.restore(await gpu.snapshot());
    expect(back.stepCount).toBe(400);
    gpu.destroy();
  });

  it('runs the CUBA benchmark network (4,000 neurons, 320,000 synapses): the same spikes for 300 steps, the same rates to 5 % over 1,300', async () => {
    // CUBA is a balanced network, chaotic: a last-bit difference in one v
    // grows until a spike moves by a step (here after 374 steps), and
    // from then on the trains differ spike by spike while the rates agree.
    const connectome = buildConnectome(parseGenome(cubaGenome(4000)));
    const { cpu, gpu } = await enginePair(connectome, { recordSpikes: true });
    cpu.step(300);
    gpu.step(300);
    const [a, b] = [cpu.takeFrame(), await gpu.readFrame()];
    expect(a.spikeStep.length).toBeGreaterThan(500);
    expect(spikeKeys(b)).toEqual(spikeKeys(a));
    cpu.step(1000);
    gpu.step(1000);
    const [c, d] = [cpu.takeFrame(), await gpu.readFrame()];
    for (let p = 0; p < 2; p++) expect(Math.abs(d.populationSpikes[p] / c.populationSpikes[p] - 1)).toBeLessThan(0.05);
    gpu.destroy();
  });
});
