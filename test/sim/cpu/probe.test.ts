/**
 * The membrane probe (src/sim/cpu/probe.ts) on a lone LIF neuron under a
 * constant bias, against the closed forms of tau_m dv/dt = v_inf - v: below
 * threshold v relaxes as v_inf + (v0 - v_inf) exp(-t / tau_m); above it the
 * trace shows a reset at every spike, one ISI apart.
 */
import { describe, expect, it } from 'vitest';
import { PROBE_CAPACITY } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif, sources } from './fixtures';

const DT_MS = 0.1;

/** A lone LIF neuron "cell" (global 0) starting at v0, behind a silent source population (global 1..2). */
function cell(neuron: Parameters<typeof lif>[2], v0 = -65): CpuEngine {
  return new CpuEngine(
    handConnectome({
      populations: [{ ...lif('cell', 1, neuron), init_v_mV: { kind: 'constant', value: v0 } }, sources('in', 2, 'poisson', 0)],
      dt_ms: DT_MS,
    }),
  );
}

/** The trace of `steps` steps from one engine, taken in frames of `frame` steps (each shorter than the ring). */
function traceInFrames(engine: CpuEngine, steps: number, frame: number): number[] {
  const v: number[] = [];
  for (let done = 0; done < steps; done += frame) {
    engine.step(Math.min(frame, steps - done));
    v.push(...engine.takeFrame().probe!.v);
  }
  return v;
}

describe('membrane probe: closed forms', () => {
  // v_inf = v_rest + i_bias = -65 + 10 = -55 mV < v_thresh = -50 mV; from v0 = -70 mV with tau_m = 20 ms,
  // v after step k (time (k + 1) dt) is -55 - 15 exp(-(k + 1) 0.1 / 20): -69.925 after the first step, -55.101 after 1,000.
  it('relaxes as v(t) = v_inf + (v0 - v_inf) exp(-t / tau_m) below threshold: -69.925 mV after 0.1 ms, -55.101 mV after 100 ms, to 1e-4 mV', () => {
    const engine = cell({ tau_m_ms: 20, v_rest_mV: -65, i_bias_mV: 10 }, -70);
    engine.setProbe(0);
    engine.step(1000);
    const frame = engine.takeFrame();
    expect(frame.probe!.neuron).toBe(0);
    const v = frame.probe!.v;
    expect(v.length).toBe(frame.stepEnd - frame.stepStart);
    const expected = (k: number) => -55 - 15 * Math.exp(-((k + 1) * DT_MS) / 20);
    expect(expected(0)).toBeCloseTo(-69.925, 3);
    expect(expected(999)).toBeCloseTo(-55.101, 3);
    let worst = 0;
    for (let k = 0; k < v.length; k++) worst = Math.max(worst, Math.abs(v[k] - expected(k)));
    // Each step rounds v to f32 (half an ulp at 60 mV is 1.9e-6 mV); the contraction keeps the sum of those small.
    expect(worst).toBeLessThan(1e-4);
  });

  // v_inf = -45 mV above v_thresh = -50: from v_reset = -65 the neuron reaches threshold after
  // tau_m ln((v_inf - v_reset) / (v_inf - v_thresh)) = 20 ln(20 / 5) = 27.726 ms, i.e. at its 278th free step;
  // it is then held 19 steps (t_ref = 2 ms: it integrates again 20 steps after the spike): ISI 297 steps, 29.7 ms,
  // within a step of the closed form t_ref + 27.726 = 29.726 ms. The spike step reads v_reset, never the crossing.
  it('shows a reset to v_reset = -65 mV at every spike, 297 steps apart (t_ref + tau_m ln(20 / 5) = 29.726 ms within one step), rising as the closed form between', () => {
    const engine = cell({ tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2, i_bias_mV: 20 });
    engine.setProbe(0);
    engine.step(2000);
    const frame = engine.takeFrame();
    const v = frame.probe!.v;
    // A reset is a step whose v falls below the step before.
    const resets = Array.from(v.keys()).filter((k) => k > 0 && v[k] < v[k - 1]);
    expect(resets).toEqual(Array.from(frame.spikeStep));
    // The first spike: 278 free steps from -65 mV, steps 0..277.
    expect(resets[0]).toBe(277);
    for (let r = 1; r < resets.length; r++) {
      const isi = resets[r] - resets[r - 1];
      expect(isi).toBe(297);
      expect(Math.abs(isi * DT_MS - (2 + 20 * Math.log(20 / 5)))).toBeLessThan(DT_MS);
    }
    // 277 + 297 k < 2,000: six spikes.
    expect(resets.length).toBe(6);
    for (const s of resets) {
      // Held at v_reset through the 19 steps after the spike, then free: n steps later -45 - 20 exp(-n dt / tau_m).
      for (let k = s; k <= s + 19 && k < v.length; k++) expect(v[k]).toBe(-65);
      for (let n = 1; n <= 277 && s + 19 + n < v.length; n++) expect(Math.abs(v[s + 19 + n] - (-45 - 20 * Math.exp(-(n * DT_MS) / 20)))).toBeLessThan(1e-4);
      expect(v[s - 1]).toBeLessThan(-50);
    }
  });
});

describe('membrane probe: frames', () => {
  const subthreshold = () => cell({ tau_m_ms: 20, i_bias_mV: 10 }, -70);

  it(`keeps the last PROBE_CAPACITY = ${PROBE_CAPACITY} values of a 5,000-step frame: steps 904..4999, as frames of 1,000 steps record them`, () => {
    const long = subthreshold();
    long.setProbe(0);
    long.step(5000);
    const frame = long.takeFrame();
    expect(frame.probe!.v.length).toBe(PROBE_CAPACITY);
    const reference = subthreshold();
    reference.setProbe(0);
    expect(Array.from(frame.probe!.v)).toEqual(traceInFrames(reference, 5000, 1000).slice(5000 - PROBE_CAPACITY));
  });

  it('records from the first step after setProbe: probing at step 100 of a 150-step frame gives 50 values, the last 50 of the whole run; the next frame is complete', () => {
    const engine = subthreshold();
    engine.step(100);
    engine.setProbe(0);
    engine.step(50);
    const first = engine.takeFrame();
    engine.step(30);
    const second = engine.takeFrame();
    const reference = subthreshold();
    reference.setProbe(0);
    const whole = traceInFrames(reference, 180, 180);
    expect([first.probe!.v.length, second.probe!.v.length]).toEqual([50, 30]);
    expect(Array.from(first.probe!.v)).toEqual(whole.slice(100, 150));
    expect(Array.from(second.probe!.v)).toEqual(whole.slice(150, 180));
  });

  it('gives probe null once stopped, and records the newly chosen neuron only from its choice', () => {
    const engine = new CpuEngine(handConnectome({ populations: [lif('A', 1, { i_bias_mV: 10 }), lif('B', 1, { i_bias_mV: 5 })] }));
    engine.setProbe(0);
    engine.step(10);
    engine.setProbe(1);
    engine.step(5);
    const frame = engine.takeFrame();
    expect(frame.probe!.neuron).toBe(1);
    expect(frame.probe!.v.length).toBe(5);
    // B relaxes toward -60 mV from -65: after 15 steps -60 - 5 exp(-1.5 / 20) = -64.639 mV.
    expect(frame.probe!.v[4]).toBeCloseTo(-60 - 5 * Math.exp(-1.5 / 20), 4);
    engine.setProbe(null);
    engine.step(5);
    expect(engine.takeFrame().probe).toBeNull();
  });

  it('is a view, not state: a restore keeps the probed neuron and drops the values recorded before it; the snapshot holds no probe array', async () => {
    const engine = subthreshold();
    const start = await engine.snapshot();
    engine.setProbe(0);
    engine.step(40);
    expect(Object.keys(start.arrays).some((name) => name.toLowerCase().includes('probe'))).toBe(false);
    await engine.restore(start);
    engine.step(10);
    const frame = engine.takeFrame();
    expect([frame.stepStart, frame.stepEnd, frame.probe!.v.length]).toEqual([0, 10, 10]);
    expect(frame.probe!.v[0]).toBeCloseTo(-55 - 15 * Math.exp(-DT_MS / 20), 4);
  });

  it('probes an unborn neuron of a pool, which holds its starting v (-65 mV) until it is born', () => {
    const engine = new CpuEngine(handConnectome({ populations: [{ ...lif('E', 1, { i_bias_mV: 10 }), capacity: 2 }] }));
    engine.setProbe(1);
    engine.step(20);
    expect(Array.from(engine.takeFrame().probe!.v)).toEqual(new Array(20).fill(-65));
  });

  it('refuses, naming the neuron and why, a spike source (no membrane), an index past the last neuron (unborn pools included) and a non-integer', () => {
    const engine = subthreshold();
    expect(() => engine.setProbe(1)).toThrow(TypeError);
    expect(() => engine.setProbe(1)).toThrow('setProbe: neuron 1 belongs to spike source population "in", which has no membrane potential to record');
    expect(() => engine.setProbe(3)).toThrow(RangeError);
    expect(() => engine.setProbe(3)).toThrow('setProbe: neuron 3 is out of range: the network has 3 neurons (0..2, unborn pools included)');
    expect(() => engine.setProbe(-1)).toThrow(/neuron -1 is out of range/);
    expect(() => engine.setProbe(0.5)).toThrow(/neuron 0.5 is out of range/);
    // A refused probe leaves the one before in place.
    engine.setProbe(0);
    expect(() => engine.setProbe(2)).toThrow(TypeError);
    engine.step(3);
    expect(engine.takeFrame().probe!.neuron).toBe(0);
  });
});
