/** The benchmark's table, as Markdown so it can go straight into docs/benchmark.md. */
import type { Brian2Mode } from './brian2';
import { significant } from './report';

/** One engine at one size. */
export interface BenchRow {
  /** 'neuroplay cpu', or 'brian2 <mode>'. */
  engine: string;
  /** Set on Brian2's rows: the code generation target. */
  brian2Mode?: Brian2Mode;
  neurons: number;
  /** Wall time of the simulation loop per simulated second (median over repeats), s/s. */
  runSPerSimS: number;
  /** Synaptic events delivered per wall second of the loop. */
  eventsPerS: number;
  meanRateHz: number;
  /** Growing / generating and compiling before the loop, s. */
  buildS: number;
  /** Runs the time is the median of. */
  repeats: number;
}

/** Brian2 modes in their column order. */
export const RATIO_MODES: readonly Brian2Mode[] = ['cpp_standalone', 'cython'];

/**
 * `row`'s time over Brian2 `mode`'s at the same N (how many times slower),
 * or null when Brian2 did not run that mode at that size.
 */
export function ratioTo(rows: readonly BenchRow[], row: BenchRow, mode: Brian2Mode): number | null {
  const reference = rows.find((r) => r.brian2Mode === mode && r.neurons === row.neurons);
  return reference ? row.runSPerSimS / reference.runSPerSimS : null;
}

const cell = (x: number | null, digits = 3) => (x === null ? '' : significant(x, digits));

export function formatBenchTable(rows: readonly BenchRow[]): string {
  const modes = RATIO_MODES.filter((m) => rows.some((r) => r.brian2Mode === m));
  const header = ['engine', 'N', 'wall s / sim s', 'synaptic events / s', 'mean rate Hz', ...modes.map((m) => `x ${m}`), 'build s', 'repeats'];
  const body = rows.map((r) => [
    r.engine,
    r.neurons.toLocaleString('en'),
    cell(r.runSPerSimS),
    r.eventsPerS.toExponential(2),
    r.meanRateHz.toFixed(2),
    ...modes.map((m) => cell(ratioTo(rows, r, m))),
    r.buildS.toFixed(2),
    String(r.repeats),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, c) => (c === 0 ? '---' : '---:'));
  return [line(header), line(align), ...body.map(line)].join('\n');
}
