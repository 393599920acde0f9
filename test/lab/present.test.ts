import { describe, expect, it } from 'vitest';
import { countSpikes, present, type Stage } from '@/lab';
import { GENOME_FORMAT, GENOME_VERSION, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { findRetina } from '@/stimuli';

/** A 2x2 Poisson retina driving one LIF neuron: 4 x 100 Hz x 20 mV x 5 ms = 40 mV of mean drive, 25 mV past the threshold, so it fires within the 100 ms presentation. */
function stage(minSpikes: number, maxPresentations: number): Stage {
  const genome = parseGenome({
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    seed: 5,
    dt_ms: 0.5,
    populations: [
      { name: 'eye', size: 4, neuron: { model: 'spike_source' }, sign: 'excitatory', role: 'sensor', layout: { kind: 'grid', width: 2, height: 2 } },
      { name: 'out', size: 1, neuron: { model: 'lif', tau_m_ms: 20, v_rest_mV: -65, v_reset_mV: -65, v_thresh_mV: -50, t_ref_ms: 2 }, sign: 'excitatory' },
    ],
    projections: [{ source: 'eye', target: 'out', connectivity: { kind: 'probability', p: 1 }, weight: { kind: 'constant', value: 20 } }],
    sensors: [{ name: 'eye', population: 'eye', kind: 'retina', max_rate_hz: 100 }],
  });
  const connectome = buildConnectome(genome);
  return {
    engine: new CpuEngine(connectome),
    retina: findRetina(genome),
    readout: { start: 4, size: 1 },
    steps: { presentation: 200, rest: 100 },
    input: { maxRateHz: 100, stepHz: 50, minSpikes, maxPresentations },
    rates: new Float32Array(4),
  };
}

const WHITE = Uint8Array.from([255, 255, 255, 255]);

describe('countSpikes', () => {
  it('counts only the read-out range: neurons 4 and 5 of [3, 4, 4, 5, 9] with start 4, size 2 -> [2, 1]', () => {
    const counts = new Float32Array(2);
    expect(countSpikes(Uint32Array.from([3, 4, 4, 5, 9]), { start: 4, size: 2 }, counts)).toBe(3);
    expect(Array.from(counts)).toEqual([2, 1]);
  });
});

describe('present', () => {
  it('shows a bright image once when the answer is strong enough (minSpikes 1): 300 steps, 100 Hz', async () => {
    const s = stage(1, 10);
    const response = await present(s, WHITE);
    expect(response.presentations).toBe(1);
    expect(response.maxRateHz).toBe(100);
    expect(response.total).toBeGreaterThanOrEqual(1);
    expect(s.engine.stepCount).toBe(300);
  });

  it('raises the input by 50 Hz per repeat up to 3 presentations when the answer never suffices: 100 + 2 x 50 = 200 Hz, 900 steps', async () => {
    const s = stage(1e9, 3);
    const response = await present(s, WHITE);
    expect(response.presentations).toBe(3);
    expect(response.maxRateHz).toBe(200);
    expect(s.engine.stepCount).toBe(900);
  });

  it('raises a black image (no input, no spikes) until the cap: 4 presentations, 0 spikes', async () => {
    const s = stage(1, 4);
    const response = await present(s, new Uint8Array(4));
    expect([response.presentations, response.total]).toEqual([4, 0]);
  });

  it('calls the hooks: before each of 2 presentations, after the accepted one only', async () => {
    const s = stage(1e9, 2);
    let before = 0;
    let after = 0;
    await present(s, WHITE, { beforePresentation: () => before++, afterPresentation: () => void after++ });
    expect([before, after]).toEqual([2, 1]);
  });

  it('gives the reward rule pulse before the rest: dopamine 0.5 decays over the 50 ms rest to 0.5 exp(-50 / 200) = 0.389 (tau 200 ms)', async () => {
    const s = stage(1, 1);
    await present(s, WHITE, { afterPresentation: () => ({ modulator: 'dopamine', amount: 0.5 }) });
    expect((await s.engine.readFrame()).modulators[0]).toBeCloseTo(0.5 * Math.exp(-50 / 200), 3);
  });
});
