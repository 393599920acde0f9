import { describe, expect, it } from 'vitest';
import { loadExperiment } from '@/cli/experiment';
import { buildReport, countSynapses, formatReport, significant } from '@/cli/report';
import { buildConnectome, EMPTY_SLOT } from '@/sim';

const experiment = loadExperiment('cuba', { neurons: 1000, seed: 2 });
const connectome = buildConnectome(experiment.genome);
// 10,000 steps of 0.1 ms = 1 s; E (800 neurons) fired 4,000 spikes, I (200) fired 1,200.
const totals = { steps: 10_000, populationSpikes: Float64Array.from([4000, 1200]), synapticEvents: 416_000, wallS: 0.5 };
const report = buildReport(experiment, connectome, totals, 0.25, 'cpu');

describe('buildReport', () => {
  it('gives E 5 Hz (4,000 / 800 / 1 s), I 6 Hz (1,200 / 200), 5.2 Hz over all, real-time factor 2 (1 s in 0.5 s)', () => {
    expect(report.rates_hz).toEqual({ E: 5, I: 6 });
    expect(report.mean_rate_hz).toBeCloseTo(5.2, 12);
    expect(report.simulated_s).toBe(1);
    expect(report.realtime_factor).toBe(2);
    expect(report.spikes).toBe(5200);
  });

  it('carries the fields scripts read: wall_s, simulated_s, realtime_factor, spikes, synaptic_events, rates_hz, backend, neurons, synapses, build_s, preset', () => {
    expect(report).toMatchObject({ wall_s: 0.5, synaptic_events: 416_000, backend: 'cpu', neurons: 1000, build_s: 0.25, preset: 'cuba', seed: 2 });
    expect(report.synapses).toBe(countSynapses(connectome));
  });

  it('counts synapses as the slots not holding EMPTY_SLOT: about 80 per neuron, 80,000 +- 5 sd (sd = 283)', () => {
    let manual = 0;
    for (const t of connectome.synapses.target) if (t !== EMPTY_SLOT) manual++;
    expect(report.synapses).toBe(manual);
    expect(Math.abs(report.synapses - 80_000)).toBeLessThan(5 * Math.sqrt(80_000));
  });
});

describe('formatReport', () => {
  it('prints speed, counts and a table of populations', () => {
    const text = formatReport(report);
    expect(text).toContain('1,000 neurons');
    expect(text).toContain('real-time factor 2.00');
    expect(text).toContain('5,200 spikes, 416,000 synaptic events (832,000 events/s)');
    expect(text).toMatch(/E\s+800\s+4,000\s+5\.00/);
    expect(text).toMatch(/all\s+1,000\s+5,200\s+5\.20/);
  });
});

describe('significant', () => {
  it('rounds to 3 significant digits without exponents: 0.012345 -> 0.0123, 1234.5 -> 1235, 2 -> 2.00', () => {
    expect(significant(0.012345)).toBe('0.0123');
    expect(significant(1234.5)).toBe('1235');
    expect(significant(2)).toBe('2.00');
  });
});
