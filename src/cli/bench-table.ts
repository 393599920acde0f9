/** The benchmark's table, as Markdown so it can go straight into docs/benchmark.md. */
import type { Brian2Mode } from './brian2';
import { significant } from './report';

/** One engine at one size. */
export interface BenchRow {
  /** 'neuroplay cpu', 'neuroplay webgpu', or 'brian2 <mode>'. */
  engine: string;
  /** Set on Brian2's rows: the code generation target. */
  brian2Mode?: Brian2Mode;
  neurons: number;
  /** Wall time of the simulation loop per simulated second (median over repeats), s/s. */
  runSPerSimS: number;
  /** Synaptic events delivered per wall second of the loop. */
  eventsPerS: number;
  meanRateHz: number;
  /** Simulated time of each run, s. */
  simulatedS: number;
  /** Growing / generating and compiling before the loop, s. */
  buildS: number;
  /** Runs the time is the median of. */
  repeats: number;
}

/** The engines other rows are divided by, in column order, with their column names. */
export const RATIO_ENGINES: readonly { engine: string; column: string }[] = [
  { engine: 'brian2 cpp_standalone', column: 'x cpp_standalone' },
  { engine: 'brian2 cython', column: 'x cython' },
  { engine: 'neuroplay cpu', column: 'x neuroplay cpu' },
];

/**
 * `row`'s time over `engine`'s at the same N (how many times slower), or
 * null when that engine did not run at that size.
 */
export function ratioTo(rows: readonly BenchRow[], row: BenchRow, engine: string): number | null {
  const reference = rows.find((r) => r.engine === engine && r.neurons === row.neurons);
  return reference ? row.runSPerSimS / reference.runSPerSimS : null;
}

const cell = (x: number | null, digits = 3) => (x === null ? '' : significant(x, digits));

/** A ratio column is shown when its engine ran and some other engine ran beside it. */
function ratioColumns(rows: readonly BenchRow[]) {
  return RATIO_ENGINES.filter(({ engine }) => rows.some((r) => r.engine === engine) && rows.some((r) => r.engine !== engine));
}

export function formatBenchTable(rows: readonly BenchRow[]): string {
  const ratios = ratioColumns(rows);
  const header = ['engine', 'N', 'wall s / sim s', 'synaptic events / s', 'mean rate Hz', ...ratios.map((r) => r.column), 'sim s', 'build s', 'repeats'];
  const body = rows.map((r) => [
    r.engine,
    r.neurons.toLocaleString('en'),
    cell(r.runSPerSimS),
    r.eventsPerS.toExponential(2),
    r.meanRateHz.toFixed(2),
    ...ratios.map(({ engine }) => cell(ratioTo(rows, r, engine))),
    String(Number(r.simulatedS.toPrecision(6))),
    r.buildS.toFixed(2),
    String(r.repeats),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, c) => (c === 0 ? '---' : '---:'));
  return [line(header), line(align), ...body.map(line)].join('\n');
}
