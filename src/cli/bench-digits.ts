/**
 * Training throughput of the Diehl & Cook digits experiment (the learning
 * issue's preset 1 runs here, not in the test suite): a short training run
 * per network size on the mnist package's digits, timed by the protocol.
 */
import { runDigits } from '@/lab';
import { mnistPackage } from './dataset';
import { startTicker } from './progress';

/** Training images per size: enough for a steady rate, short enough for a benchmark. */
export const DIGITS_BENCH_SAMPLES = 200;
export const DIGITS_BENCH_SIZES = [100, 400];

export interface DigitsBenchRow {
  neurons: number;
  samples: number;
  samplesPerSecond: number;
}

export async function benchDigits(seed: number): Promise<DigitsBenchRow[]> {
  const dataset = mnistPackage();
  const rows: DigitsBenchRow[] = [];
  for (const neurons of DIGITS_BENCH_SIZES) {
    const ticker = startTicker(`[digits, ${neurons} neurons] training ${DIGITS_BENCH_SAMPLES} samples`);
    const result = await runDigits({ neurons, seed, dataset, trainSamples: DIGITS_BENCH_SAMPLES, labelSamples: 10, testSamples: 10, clock: () => performance.now() });
    ticker.stop(`${result.samplesPerSecond.toFixed(1)} samples/s`);
    rows.push({ neurons, samples: DIGITS_BENCH_SAMPLES, samplesPerSecond: result.samplesPerSecond });
  }
  return rows;
}

export function formatDigitsBench(rows: readonly DigitsBenchRow[]): string {
  const lines = [
    '',
    '## Diehl & Cook digits: training throughput (CPU engine)',
    '',
    '| excitatory neurons | training samples | samples / s (350 ms shown + 150 ms rest each, dt 0.5 ms) |',
    '| ---: | ---: | ---: |',
  ];
  for (const r of rows) lines.push(`| ${r.neurons} | ${r.samples} | ${r.samplesPerSecond.toFixed(1)} |`);
  return lines.join('\n');
}
