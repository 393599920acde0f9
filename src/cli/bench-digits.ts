/**
 * Training throughput of the Diehl & Cook digits experiment (the learning
 * issue's preset 1 runs here, not in the test suite): a short training run
 * per network size and engine on the mnist package's digits, timed by the
 * protocol.
 */
import { frozenGenome, runDigits, type EngineFactory } from '@/lab';
import { parseGenome } from '@/model';
import { digitsGenome, type DigitsInput } from '@/model/presets/digits';
import { buildConnectome } from '@/sim';
import type { ImageDataset } from '@/stimuli';
import { GpuEngine } from '@/sim/gpu/engine';
import { keepingAlive, type BenchGpu } from './bench-gpu';
import { mnistPackage } from './dataset';
import { startTicker } from './progress';

/** Training images per size: enough for a steady rate, short enough for a benchmark. */
export const DIGITS_BENCH_SAMPLES = 200;
/** On a software adapter, where a digit takes seconds. */
export const DIGITS_BENCH_SOFTWARE_SAMPLES = 4;
export const DIGITS_BENCH_SIZES = [100, 400];

export interface DigitsBenchRow {
  engine: string;
  neurons: number;
  samples: number;
  /** null when the engine could not train the network (see note). */
  samplesPerSecond: number | null;
  note?: string;
}

/**
 * The WebGPU engines of the two networks runDigits grows (learning, then
 * its frozen twin), built here because runDigits builds its engines
 * synchronously and the WebGPU engine is built asynchronously.
 */
async function gpuEngines(gpu: BenchGpu, neurons: number, seed: number, image: DigitsInput): Promise<GpuEngine[]> {
  const input = digitsGenome(neurons, seed, image);
  const engines: GpuEngine[] = [];
  for (const genome of [input, frozenGenome(input)]) engines.push(await GpuEngine.create(gpu.device, buildConnectome(parseGenome(genome)), gpu.sources));
  return engines;
}

async function trainingRow(dataset: ImageDataset, engine: string, neurons: number, samples: number, seed: number, createEngine?: () => Promise<EngineFactory>): Promise<DigitsBenchRow> {
  const ticker = startTicker(`[digits, ${neurons} neurons] ${engine}: training ${samples} samples`);
  try {
    const factory = createEngine ? await createEngine() : undefined;
    // Labelling and testing are not timed; the GPU skips them.
    const [labelSamples, testSamples] = createEngine ? [0, 0] : [10, 10];
    const result = await runDigits({ neurons, seed, dataset, trainSamples: samples, labelSamples, testSamples, clock: () => performance.now(), createEngine: factory });
    ticker.stop(`${result.samplesPerSecond.toFixed(1)} samples/s`);
    return { engine, neurons, samples, samplesPerSecond: result.samplesPerSecond };
  } catch (error) {
    const note = (error as Error).message.split('\n')[0];
    ticker.stop(`n/a (${note})`);
    return { engine, neurons, samples, samplesPerSecond: null, note };
  }
}

export async function benchDigits(seed: number, gpu?: BenchGpu): Promise<DigitsBenchRow[]> {
  const dataset = mnistPackage();
  const rows: DigitsBenchRow[] = [];
  for (const neurons of DIGITS_BENCH_SIZES) {
    rows.push(await trainingRow(dataset, 'neuroplay cpu', neurons, DIGITS_BENCH_SAMPLES, seed));
    if (!gpu) continue;
    const samples = gpu.isFallback ? DIGITS_BENCH_SOFTWARE_SAMPLES : DIGITS_BENCH_SAMPLES;
    let engines: GpuEngine[] = [];
    const handOver = async (): Promise<EngineFactory> => {
      engines = await gpuEngines(gpu, neurons, seed, { width: dataset.width, height: dataset.height });
      const queue = [...engines];
      return () => queue.shift()!;
    };
    rows.push(await keepingAlive(() => trainingRow(dataset, 'neuroplay webgpu', neurons, samples, seed, handOver)));
    for (const engine of engines) engine.destroy();
  }
  return rows;
}

export function formatDigitsBench(rows: readonly DigitsBenchRow[]): string {
  const lines = [
    '',
    '## Diehl & Cook digits: training throughput',
    '',
    '| engine | excitatory neurons | training samples | samples / s (350 ms shown + 150 ms rest each, dt 0.5 ms) |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const r of rows) lines.push(`| ${r.engine} | ${r.neurons} | ${r.samples} | ${r.samplesPerSecond === null ? `n/a (${r.note})` : r.samplesPerSecond.toFixed(1)} |`);
  return lines.join('\n');
}
