import { describe, expect, it } from 'vitest';
import { formatBenchTable, ratioTo, type BenchRow } from '@/cli/bench-table';

const rows: BenchRow[] = [
  { engine: 'neuroplay cpu', neurons: 4000, runSPerSimS: 2.0, eventsPerS: 9e5, meanRateHz: 5.6, buildS: 0.5, repeats: 3 },
  { engine: 'brian2 cpp_standalone', brian2Mode: 'cpp_standalone', neurons: 4000, runSPerSimS: 0.1, eventsPerS: 1.8e7, meanRateHz: 5.62, buildS: 8, repeats: 1 },
  { engine: 'brian2 cython', brian2Mode: 'cython', neurons: 4000, runSPerSimS: 0.25, eventsPerS: 7.2e6, meanRateHz: 5.62, buildS: 28, repeats: 1 },
  { engine: 'neuroplay cpu', neurons: 16000, runSPerSimS: 9, eventsPerS: 8e5, meanRateHz: 5.5, buildS: 2, repeats: 3 },
];

describe('bench table', () => {
  it('divides by the Brian2 mode at the same N: 2.0 / 0.1 = 20x standalone, 2.0 / 0.25 = 8x cython; none at 16,000', () => {
    expect(ratioTo(rows, rows[0], 'cpp_standalone')).toBeCloseTo(20, 12);
    expect(ratioTo(rows, rows[0], 'cython')).toBeCloseTo(8, 12);
    expect(ratioTo(rows, rows[3], 'cython')).toBeNull();
  });

  it('prints one Markdown row per engine and size with the ratios beside the times', () => {
    const lines = formatBenchTable(rows).split('\n');
    expect(lines[0]).toBe('| engine | N | wall s / sim s | synaptic events / s | mean rate Hz | x cpp_standalone | x cython | build s | repeats |');
    expect(lines[2]).toBe('| neuroplay cpu | 4,000 | 2.00 | 9.00e+5 | 5.60 | 20.0 | 8.00 | 0.50 | 3 |');
    expect(lines[5]).toBe('| neuroplay cpu | 16,000 | 9.00 | 8.00e+5 | 5.50 |  |  | 2.00 | 3 |');
    expect(lines).toHaveLength(6);
  });
});
