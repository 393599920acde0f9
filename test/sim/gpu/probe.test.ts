/**
 * The membrane probe on the GPU (shaders/record.wgsl writes the probed
 * neuron's v into a ring of PROBE_CAPACITY values; readFrame reads the
 * frame's spans) against the CPU engine. LIF traces agree to a relative
 * 1e-5 and Izhikevich traces to 1e-2, the agreement suite's tolerances for
 * v (the CPU rounds each update once from f64, the GPU every f32 operation).
 */
import { describe, expect, it } from 'vitest';
import { PROBE_CAPACITY, type Frame } from '@/sim';
import type { CpuEngine } from '@/sim/cpu';
import type { GpuEngine } from '@/sim/gpu/engine';
import { handConnectome, lif } from '../cpu/fixtures';
import { mixedNetwork } from '../cpu/network';
import { device, enginePair, maxRelativeError } from './harness';

/** Runs both engines through the same calls, then takes a frame from each. */
async function frames(pair: { cpu: CpuEngine; gpu: GpuEngine }, run: (engine: CpuEngine | GpuEngine) => void): Promise<[Frame, Frame]> {
  run(pair.cpu);
  run(pair.gpu);
  return [pair.cpu.takeFrame(), await pair.gpu.readFrame()];
}

describe.skipIf(!device)('membrane probe on the GPU against the CPU engine', () => {
  // mixedNetwork: retina 0-39, clock 40-49, E 50-93 (LIF, current), I 94-103 (LIF, conductance), Z 104-113 (Izhikevich).
  it('records Izhikevich Z[0] over steps 0-149 (to 1e-2), LIF E[6] over 150-299 (to 1e-5), both firing, conductance-based I[0] from mid-frame (to 1e-5), then nothing', async () => {
    const pair = await enginePair(mixedNetwork(7));
    const cases: [number, number, number][] = [];
    const [z1, z2] = await frames(pair, (engine) => {
      engine.setProbe(104);
      engine.step(150);
    });
    const [e1, e2] = await frames(pair, (engine) => {
      engine.setProbe(56);
      engine.step(150);
    });
    const [i1, i2] = await frames(pair, (engine) => {
      engine.step(50);
      engine.setProbe(94);
      engine.step(50);
    });
    for (const [a, b, neuron, length, tolerance] of [
      [z1, z2, 104, 150, 1e-2],
      [e1, e2, 56, 150, 1e-5],
      [i1, i2, 94, 50, 1e-5],
    ] as const) {
      expect([b.probe!.neuron, b.probe!.v.length]).toEqual([neuron, length]);
      expect(a.probe!.neuron).toBe(neuron);
      expect(maxRelativeError(b.probe!.v, a.probe!.v), `neuron ${neuron}`).toBeLessThan(tolerance);
      cases.push([neuron, a.spikeNeuron.filter((i) => i === neuron).length, new Set(a.probe!.v).size]);
    }
    // Z[0] and E[6] fire in their windows, so their traces hold resets; every trace moves.
    expect(cases[0][1]).toBeGreaterThan(0);
    expect(cases[1][1]).toBeGreaterThan(0);
    for (const [neuron, , distinct] of cases) expect(distinct, `neuron ${neuron}`).toBeGreaterThan(20);
    const [n1, n2] = await frames(pair, (engine) => {
      engine.setProbe(null);
      engine.step(10);
    });
    expect([n1.probe, n2.probe]).toEqual([null, null]);
    pair.gpu.destroy();
  });

  // A lone LIF cell driven above threshold (v_inf = -45 mV): frames of 100 and 4,200 steps; the second keeps
  // only its last 4,096 steps, 204..4,299, which lie in ring rows 204..4,095 and then 0..203.
  it(`keeps the last PROBE_CAPACITY = ${PROBE_CAPACITY} values across the ring's end as the CPU does: frames of 100 and 4,200 steps give 100 and 4,096 values`, async () => {
    const cell = handConnectome({ populations: [lif('cell', 1, { i_bias_mV: 20 })] });
    const pair = await enginePair(cell);
    pair.cpu.setProbe(0);
    pair.gpu.setProbe(0);
    let last: Frame | undefined;
    for (const [steps, length] of [
      [100, 100],
      [4200, PROBE_CAPACITY],
    ]) {
      const [a, b] = await frames(pair, (engine) => engine.step(steps));
      expect([a.probe!.v.length, b.probe!.v.length]).toEqual([length, length]);
      expect(maxRelativeError(b.probe!.v, a.probe!.v)).toBeLessThan(1e-5);
      last = b;
    }
    // Spikes 297 steps apart (probe.test.ts), each followed by 20 steps at v_reset = -65 mV: over 13 x 20 such values.
    expect(last!.probe!.v.filter((v) => v === -65).length).toBeGreaterThan(260);
    pair.gpu.destroy();
  });

  it('refuses a spike source and an index out of range as the CPU does, and a restore keeps the probe but drops its values', async () => {
    const pair = await enginePair(mixedNetwork(3));
    expect(() => pair.gpu.setProbe(0)).toThrow('setProbe: neuron 0 belongs to spike source population "retina", which has no membrane potential to record');
    expect(() => pair.gpu.setProbe(114)).toThrow(RangeError);
    const start = await pair.gpu.snapshot();
    pair.gpu.setProbe(60);
    pair.gpu.step(30);
    await pair.gpu.restore(start);
    pair.gpu.step(20);
    const frame = await pair.gpu.readFrame();
    expect([frame.stepStart, frame.probe!.neuron, frame.probe!.v.length]).toEqual([0, 60, 20]);
    pair.cpu.setProbe(60);
    pair.cpu.step(20);
    expect(maxRelativeError(frame.probe!.v, pair.cpu.takeFrame().probe!.v)).toBeLessThan(1e-5);
    pair.gpu.destroy();
  });
});
