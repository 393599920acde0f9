/** The benchmark's command line: `npm run bench -- [--sizes 4000,16000] [--no-brian2] [--repeats R]`. */
import { LIMITS } from '@/model';
import { parseDurationS, parseFlags, parseInteger, parseIntegerList, readFlag, UsageError, type FlagKind } from './args';

export interface BenchOptions {
  /** Network sizes N to run, in order. */
  sizes: number[];
  /** Run Brian2 beside our engine. */
  brian2: boolean;
  /** Time the digits experiment's training too. */
  digits: boolean;
  /** Repeats of our engine at every size; undefined: defaultRepeats(N). */
  repeats?: number;
  /** Simulated time per run, s. */
  durationS: number;
  seed: number;
  help: boolean;
}

export const DEFAULT_SIZES = [4000, 16_000, 64_000];
/** Smallest N: CUBA's in-degree of 80 needs p = 80 / N <= 1 with room to spare. */
export const MIN_BENCH_NEURONS = 400;

/**
 * Repeats of our engine when --repeats is not given: three up to 16,000
 * neurons (the median of three removes a stray slow run), one above, where a
 * run lasts long enough to average over itself.
 */
export function defaultRepeats(neurons: number): number {
  return neurons <= 16_000 ? 3 : 1;
}

const SPEC: Record<string, FlagKind> = { sizes: 'value', 'no-brian2': 'switch', 'no-digits': 'switch', repeats: 'value', duration: 'value', seed: 'value', help: 'switch' };

export const BENCH_USAGE = `usage: npm run bench -- [flags]

  --sizes 4000,16000   network sizes N (default ${DEFAULT_SIZES.join(',')})
  --no-brian2          our engine only
  --no-digits          skip the digits experiment's training throughput
  --repeats R          runs of our engine per size (default 3 up to 16,000 neurons, 1 above)
  --duration 1s        simulated time per run (default 1s)
  --seed S             seed of our network and of Brian2's (default 1)
  --help               this text`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const parsed = parseFlags(argv, SPEC);
  const sizes = readFlag(parsed, 'sizes', (t) => parseIntegerList(t, MIN_BENCH_NEURONS, LIMITS.maxNeurons)) ?? DEFAULT_SIZES;
  const repeats = readFlag(parsed, 'repeats', (t) => parseInteger(t, 1, 100));
  const durationS = readFlag(parsed, 'duration', parseDurationS) ?? 1;
  const seed = readFlag(parsed, 'seed', (t) => parseInteger(t, 0, 0xffffffff)) ?? 1;
  if (parsed.positional.length) parsed.problems.push(`unexpected argument: ${parsed.positional.join(' ')}`);
  const help = parsed.flags.has('help');
  if (parsed.problems.length && !help) throw new UsageError(parsed.problems);
  return { sizes, brian2: !parsed.flags.has('no-brian2'), digits: !parsed.flags.has('no-digits'), repeats, durationS, seed, help };
}
