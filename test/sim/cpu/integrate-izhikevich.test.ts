/**
 * Izhikevich (2003), "Simple model of spiking neurons", Fig. 2: each preset
 * under a step current (i_bias) from v = -65 mV, u = b v, as in the paper's
 * own code, integrated at dt = 0.1 ms.
 */
import { describe, expect, it } from 'vitest';
import type { IzhikevichPresetName } from '@/model';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, izhikevich } from './fixtures';

const DT_MS = 0.1;

function run(preset: IzhikevichPresetName, current: number, ms: number): { timesMs: number[]; engine: CpuEngine } {
  const engine = new CpuEngine(handConnectome({ populations: [izhikevich('cell', 1, { preset, i_bias: current })], dt_ms: DT_MS }));
  engine.step(Math.round(ms / DT_MS));
  return { timesMs: Array.from(engine.takeFrame().spikeStep, (s) => s * DT_MS), engine };
}

const intervals = (times: number[]) => times.slice(1).map((t, k) => t - times[k]);

/** Groups spikes into bursts: a gap longer than `gapMs` starts a new one. Returns the spikes per burst. */
function burstSizes(times: number[], gapMs: number): number[] {
  const sizes = [1];
  for (const isi of intervals(times)) {
    if (isi > gapMs) sizes.push(1);
    else sizes[sizes.length - 1]++;
  }
  return sizes;
}

describe('Izhikevich regimes (Izhikevich 2003, Fig. 2)', () => {
  // Measured here at I = 14: RS intervals 5.6 -> 29.4 -> 32.6 ms (ratio 5.8), FS 3.1 -> ... -> 4.9 ms (ratio 1.6).
  it('regular_spiking adapts (last / first interval > 4, measured 5.8); fast_spiking adapts little (< 2, measured 1.6) and fires > 4x faster (4.9 vs 32.6 ms) at I = 14', () => {
    const rs = intervals(run('regular_spiking', 14, 500).timesMs);
    const fs = intervals(run('fast_spiking', 14, 500).timesMs);
    expect(rs[1]).toBeGreaterThan(rs[0]);
    expect(rs[rs.length - 1] / rs[0]).toBeGreaterThan(4);
    expect(fs[fs.length - 1] / fs[0]).toBeLessThan(2);
    expect(fs[fs.length - 1]).toBeLessThan(rs[rs.length - 1] / 4);
  });

  // Measured at I = 10: spikes at 3.3, 5.8, 10.4 ms, then single spikes every 31.5 ms.
  it('intrinsically_bursting opens with a burst of 3 spikes (intervals < 5 ms) and then fires single spikes (intervals > 25 ms) at I = 10', () => {
    const { timesMs } = run('intrinsically_bursting', 10, 500);
    const isi = intervals(timesMs);
    expect(isi[0]).toBeLessThan(5);
    expect(isi[1]).toBeLessThan(5);
    for (const later of isi.slice(2)) expect(later).toBeGreaterThan(25);
    expect(burstSizes(timesMs, 10).slice(1).every((size) => size === 1)).toBe(true);
  });

  // Measured at I = 10: bursts of 5 spikes within 13 ms every 60.7 ms after an opening burst of 7.
  it('chattering fires repeated bursts: at least 7 bursts of >= 4 spikes in 500 ms at I = 10', () => {
    const sizes = burstSizes(run('chattering', 10, 500).timesMs, 20);
    expect(sizes.length).toBeGreaterThanOrEqual(7);
    for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThanOrEqual(4);
  });

  // Rest exists while 0.04 v^2 + (5 - b) v + 140 + I = 0 (u = b v) has a root: I < (5 - b)^2 / 0.16 - 140,
  // which is 4.0 for regular_spiking (b = 0.2) and 1.02 for low_threshold (b = 0.25).
  it('low_threshold fires tonically at I = 3, between its rheobase 1.02 and regular_spiking\'s 4.0, where regular_spiking stays at rest', () => {
    const lts = run('low_threshold', 3, 1000).timesMs;
    const rs = run('regular_spiking', 3, 1000);
    expect(lts.filter((t) => t > 500).length).toBeGreaterThan(5);
    expect(rs.timesMs.length).toBe(0);
    // Under I = 3 the stable root is v = -65 mV, where the run started.
    expect(rs.engine.state.v[0]).toBeCloseTo(-65, 3);
  });

  // Rest of regular-spiking dynamics without input: 0.04 v^2 + 4.8 v + 140 = 0 -> v = -70 mV (stable node), u = b v = -14.
  it('resting never fires without input and settles from -65 mV to its rest at -70 mV, u = -14', () => {
    const { timesMs, engine } = run('resting', 0, 2000);
    expect(timesMs.length).toBe(0);
    expect(engine.state.v[0]).toBeCloseTo(-70, 2);
    expect(engine.state.u[0]).toBeCloseTo(-14, 2);
  });
});
