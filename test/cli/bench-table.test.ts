import { describe, expect, it } from 'vitest';
import { formatBenchTable, ratioTo, type BenchRow } from '@/cli/bench-table';

const rows: BenchRow[] = [
  { engine: 'neuroplay cpu', neurons: 4000, runSPerSimS: 2.0, eventsPerS: 9e5, meanRateHz: 5.6, simulatedS: 1, buildS: 0.5, repeats: 3 },
  { engine: 'brian2 cpp_standalone', brian2Mode: 'cpp_standalone', neurons: 4000, runSPerSimS: 0.1, eventsPerS: 1.8e7, meanRateHz: 5.62, simulatedS: 1, buildS: 8, repeats: 1 },
  { engine: 'brian2 cython', brian2Mode: 'cython', neurons: 4000, runSPerSimS: 0.25, eventsPerS: 7.2e6, meanRateHz: 5.62, simulatedS: 1, buildS: 28, repeats: 1 },
  { engine: 'neuroplay webgpu', neurons: 4000, runSPerSimS: 0.05, eventsPerS: 3.6e7, meanRateHz: 5.7, simulatedS: 0.1, buildS: 0.3, repeats: 3 },
  { engine: 'neuroplay cpu', neurons: 16000, runSPerSimS: 9, eventsPerS: 8e5, meanRateHz: 5.5, simulatedS: 1, buildS: 2, repeats: 3 },
];

describe('bench table', () => {
  it('divides by an engine at the same N: 2.0 / 0.1 = 20x standalone, 2.0 / 0.25 = 8x cython, WebGPU 0.05 / 2.0 = 0.025x the CPU engine; none at 16,000', () => {
    expect(ratioTo(rows, rows[0], 'brian2 cpp_standalone')).toBeCloseTo(20, 12);
    expect(ratioTo(rows, rows[0], 'brian2 cython')).toBeCloseTo(8, 12);
    expect(ratioTo(rows, rows[3], 'neuroplay cpu')).toBeCloseTo(0.025, 12);
    expect(ratioTo(rows, rows[4], 'brian2 cython')).toBeNull();
  });

  it('prints one Markdown row per engine and size with the ratios beside the times and the simulated time of each run', () => {
    const lines = formatBenchTable(rows).split('\n');
    expect(lines[0]).toBe('| engine | N | wall s / sim s | synaptic events / s | mean rate Hz | x cpp_standalone | x cython | x neuroplay cpu | sim s | build s | repeats |');
    expect(lines[2]).toBe('| neuroplay cpu | 4,000 | 2.00 | 9.00e+5 | 5.60 | 20.0 | 8.00 | 1.00 | 1 | 0.50 | 3 |');
    expect(lines[5]).toBe('| neuroplay webgpu | 4,000 | 0.0500 | 3.60e+7 | 5.70 | 0.500 | 0.200 | 0.0250 | 0.1 | 0.30 | 3 |');
    expect(lines[6]).toBe('| neuroplay cpu | 16,000 | 9.00 | 8.00e+5 | 5.50 |  |  | 1.00 | 1 | 2.00 | 3 |');
    expect(lines).toHaveLength(7);
  });

  it('shows no ratio column for an engine that did not run, nor when it ran alone', () => {
    expect(formatBenchTable([rows[0]]).split('\n')[0]).toBe('| engine | N | wall s / sim s | synaptic events / s | mean rate Hz | sim s | build s | repeats |');
    expect(formatBenchTable([rows[0], rows[3]]).split('\n')[0]).toContain('| mean rate Hz | x neuroplay cpu | sim s |');
  });
});
