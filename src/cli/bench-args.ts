/** The benchmark's command line: `npm run bench -- [--sizes 4000,16000] [--gpu-sizes ...] [--no-brian2] [--no-gpu] [--repeats R]`, or `-- --page [--page-seconds S]`. */
import { LIMITS } from '@/model';
import { parseDurationS, parseFlags, parseInteger, parseIntegerList, readFlag, UsageError, type FlagKind } from './args';

/** The page benchmark (bench-page.ts): the playground in headless Chromium. */
export interface PageBenchOptions {
  /** Wall time measured once the network runs, s. */
  seconds: number;
  /** E and I neurons of the balanced preset loaded into the page (the retina's 256 come on top). */
  neurons: number;
  /** Measure Chromium with WebGPU too, before the row without it. */
  webgpu: boolean;
}

export interface BenchOptions {
  /** Network sizes N for our CPU engine and Brian2, in order. */
  sizes: number[];
  /** Network sizes N for the WebGPU engine, in order. */
  gpuSizes: number[];
  /** Run Brian2 beside our engine. */
  brian2: boolean;
  /** Run the WebGPU engine. */
  gpu: boolean;
  /** Time the digits experiment's training too. */
  digits: boolean;
  /** Time the digits test set: CPU one image at a time against the GPU's batches. */
  digitsEval: boolean;
  /** Test images and GPU copies of the digits evaluation; undefined: the adapter's default (bench-digits-eval.ts). */
  evalImages?: number;
  evalCopies?: number;
  /** Repeats of our engines at every size; undefined: defaultRepeats(N). */
  repeats?: number;
  /** Simulated time per run, s. */
  durationS: number;
  /** Simulated time per WebGPU run, s; undefined: durationS on a hardware adapter, at most SOFTWARE_GPU_DURATION_S on a software one. */
  gpuDurationS?: number;
  /** A WebGPU size whose run is estimated to last longer than this (wall s, from the size before) is skipped. */
  gpuMaxRunS: number;
  seed: number;
  /** Set with --page: the page benchmark runs instead of CUBA. */
  page?: PageBenchOptions;
  help: boolean;
}

export const DEFAULT_SIZES = [4000, 16_000, 64_000];
export const DEFAULT_GPU_SIZES = [4000, 16_000, 64_000, 256_000, 1_000_000];
/** Smallest N: CUBA's in-degree of 80 needs p = 80 / N <= 1 with room to spare. */
export const MIN_BENCH_NEURONS = 400;
/** Simulated time per run on a software adapter (SwiftShader runs the kernels on the CPU): 1,000 steps. */
export const SOFTWARE_GPU_DURATION_S = 0.1;
/** Default of --gpu-max-run, s. */
export const GPU_MAX_RUN_S = 150;
/** Default of --page-seconds. */
export const DEFAULT_PAGE_SECONDS = 10;
/** Default of --page-neurons: the playground issue's 10,000 neurons. */
export const DEFAULT_PAGE_NEURONS = 10_000;
/** Smallest --page-neurons: I keeps 10 neurons, an in-degree of 1 from I. */
export const MIN_PAGE_NEURONS = 50;
/** The flags --page reads; the others are CUBA's. */
const PAGE_FLAGS = new Set(['page', 'page-seconds', 'page-neurons', 'no-gpu', 'help']);

/**
 * Repeats of our engine when --repeats is not given: three up to 16,000
 * neurons (the median of three removes a stray slow run), one above, where a
 * run lasts long enough to average over itself.
 */
export function defaultRepeats(neurons: number): number {
  return neurons <= 16_000 ? 3 : 1;
}

const SPEC: Record<string, FlagKind> = {
  sizes: 'value',
  'gpu-sizes': 'value',
  'no-brian2': 'switch',
  'no-gpu': 'switch',
  'no-digits': 'switch',
  'digits-eval': 'switch',
  'eval-images': 'value',
  'eval-copies': 'value',
  repeats: 'value',
  duration: 'value',
  'gpu-duration': 'value',
  'gpu-max-run': 'value',
  seed: 'value',
  page: 'switch',
  'page-seconds': 'value',
  'page-neurons': 'value',
  help: 'switch',
};

export const BENCH_USAGE = `usage: npm run bench -- [flags]

  --sizes 4000,16000       network sizes N for the CPU engine and Brian2 (default ${DEFAULT_SIZES.join(',')})
  --gpu-sizes 4000,64000   network sizes N for the WebGPU engine (default ${DEFAULT_GPU_SIZES.join(',')})
  --no-brian2              no Brian2
  --no-gpu                 no WebGPU engine
  --no-digits              skip the digits experiment's training throughput
  --digits-eval            also time the digits test set: CPU one image at a time, GPU in batches
  --eval-images N          test images for --digits-eval (default 1000; 16 on a software adapter)
  --eval-copies B          GPU copies (images at once) for --digits-eval (default 250; 16 on a software adapter)
  --repeats R              runs of our engines per size (default 3 up to 16,000 neurons, 1 above)
  --duration 1s            simulated time per run (default 1s)
  --gpu-duration 100ms     simulated time per WebGPU run (default: --duration; at most ${SOFTWARE_GPU_DURATION_S * 1000}ms on a software adapter)
  --gpu-max-run 150s       skip a WebGPU size whose run would last longer, estimated from the size before (default ${GPU_MAX_RUN_S}s)
  --seed S                 seed of our network and of Brian2's (default 1)
  --page                   instead: the playground in headless Chromium, with WebGPU (unless --no-gpu) and without;
                           frame rate, long tasks, real-time factor, spikes drawn, and the gzipped bundle
  --page-seconds S         wall seconds measured per row of --page (default ${DEFAULT_PAGE_SECONDS})
  --page-neurons N         E and I neurons of the balanced network --page loads (default ${DEFAULT_PAGE_NEURONS.toLocaleString('en')}; plus a 256-neuron retina)
  --help                   this text`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const parsed = parseFlags(argv, SPEC);
  const sizeList = (t: string) => parseIntegerList(t, MIN_BENCH_NEURONS, LIMITS.maxNeurons);
  const sizes = readFlag(parsed, 'sizes', sizeList) ?? DEFAULT_SIZES;
  const gpuSizes = readFlag(parsed, 'gpu-sizes', sizeList) ?? DEFAULT_GPU_SIZES;
  const repeats = readFlag(parsed, 'repeats', (t) => parseInteger(t, 1, 100));
  const durationS = readFlag(parsed, 'duration', parseDurationS) ?? 1;
  const gpuDurationS = readFlag(parsed, 'gpu-duration', parseDurationS);
  const gpuMaxRunS = readFlag(parsed, 'gpu-max-run', parseDurationS) ?? GPU_MAX_RUN_S;
  const evalImages = readFlag(parsed, 'eval-images', (t) => parseInteger(t, 1, 100_000));
  const evalCopies = readFlag(parsed, 'eval-copies', (t) => parseInteger(t, 1, 65_535));
  const seed = readFlag(parsed, 'seed', (t) => parseInteger(t, 0, 0xffffffff)) ?? 1;
  const pageSeconds = readFlag(parsed, 'page-seconds', (t) => parseInteger(t, 1, 600)) ?? DEFAULT_PAGE_SECONDS;
  const pageNeurons = readFlag(parsed, 'page-neurons', (t) => parseInteger(t, MIN_PAGE_NEURONS, LIMITS.maxNeurons)) ?? DEFAULT_PAGE_NEURONS;
  const page = parsed.flags.has('page');
  for (const name of parsed.flags.keys()) {
    if (page && !PAGE_FLAGS.has(name)) parsed.problems.push(`--${name}: does not apply to --page`);
    if (!page && name.startsWith('page-')) parsed.problems.push(`--${name}: needs --page`);
  }
  if (parsed.positional.length) parsed.problems.push(`unexpected argument: ${parsed.positional.join(' ')}`);
  const help = parsed.flags.has('help');
  if (parsed.problems.length && !help) throw new UsageError(parsed.problems);
  return {
    sizes,
    gpuSizes,
    brian2: !parsed.flags.has('no-brian2'),
    gpu: !parsed.flags.has('no-gpu'),
    digits: !parsed.flags.has('no-digits'),
    digitsEval: parsed.flags.has('digits-eval'),
    evalImages,
    evalCopies,
    repeats,
    durationS,
    gpuDurationS,
    gpuMaxRunS,
    seed,
    page: page ? { seconds: pageSeconds, neurons: pageNeurons, webgpu: !parsed.flags.has('no-gpu') } : undefined,
    help,
  };
}
