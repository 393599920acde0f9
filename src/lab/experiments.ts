/**
 * The experiments that run a protocol rather than a fixed stretch of time:
 * `npm run sim -- <name>` runs them with a progress bar and prints their
 * metrics; the playground's gallery lists them. Each returns its metrics by
 * name and a learning curve.
 */
import type { DatasetSplit, ImageDataset } from '@/stimuli';
import { runConditioning } from './conditioning';
import { runDeprivation } from './deprivation';
import { runDigits } from './digits';
import { runNovelty } from './novelty';
import type { CurvePoint, MetricRecord, Progress } from './protocol';
import { runPruning } from './pruning';
import { runPunishment } from './punishment';

export interface LabRunOptions {
  seed?: number;
  /** Network size where the experiment rescales (digits: excitatory neurons). */
  neurons?: number;
  /** Passes over the training data, for experiments that train on a data set. */
  epochs?: number;
  /** Images, for experiments that need a data set. */
  dataset?: ImageDataset | DatasetSplit;
  /** Wall-clock milliseconds (performance.now), for throughput figures. */
  clock: () => number;
}

export interface LabRun {
  /** Every scalar figure of the result by name (fractions as fractions, rates in Hz). */
  figures: Record<string, unknown>;
  curve: readonly unknown[];
  metrics: readonly MetricRecord[];
}

export interface LabExperiment {
  name: string;
  title: string;
  /** Whether `dataset` must be given. */
  needsDataset: boolean;
  /** Whether `neurons` rescales it. */
  rescales: boolean;
  run(options: LabRunOptions, onProgress: (progress: Progress) => void): Promise<LabRun>;
}

/** Splits a protocol's result into its figures (everything but the long arrays) and its curve. */
function asRun(result: { curve: readonly (CurvePoint | object)[]; metrics: readonly MetricRecord[] } & object, arrays: readonly string[] = []): LabRun {
  const figures: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) if (key !== 'curve' && key !== 'metrics' && !arrays.includes(key)) figures[key] = value;
  return { figures, curve: result.curve, metrics: result.metrics };
}

function requireDataset(options: LabRunOptions): ImageDataset | DatasetSplit {
  if (!options.dataset) throw new Error('digits needs a data set of images');
  return options.dataset;
}

/** Passes over the 7,996 training digits: three reach the paper's accuracies on this smaller set (README). */
export const DIGITS_EPOCHS = 3;

export const EXPERIMENTS: Record<string, LabExperiment> = {
  digits: {
    name: 'digits',
    title: 'Unsupervised digits (Diehl & Cook 2015)',
    needsDataset: true,
    rescales: true,
    run: async (options, onProgress) =>
      asRun(
        await runDigits({ neurons: options.neurons, seed: options.seed, epochs: options.epochs ?? DIGITS_EPOCHS, dataset: requireDataset(options), clock: options.clock, onProgress }),
        ['confusion', 'assignment'],
      ),
  },
  conditioning: {
    name: 'conditioning',
    title: 'Reward conditioning: dopamine confirms the right output',
    needsDataset: false,
    rescales: false,
    run: async (options, onProgress) => asRun(await runConditioning({ seed: options.seed }, onProgress), ['correct']),
  },
  punishment: {
    name: 'punishment',
    title: 'Punishment trains an aversion population',
    needsDataset: false,
    rescales: false,
    run: async (options, onProgress) => asRun(await runPunishment({ seed: options.seed }, onProgress)),
  },
  novelty: {
    name: 'novelty',
    title: 'Novelty, habituation and partial match',
    needsDataset: false,
    rescales: false,
    run: async (options, onProgress) => asRun(await runNovelty({ seed: options.seed }, onProgress)),
  },
  deprivation: {
    name: 'deprivation',
    title: 'Sensory deprivation: spontaneous activity replays learned patterns',
    needsDataset: false,
    rescales: false,
    run: async (options, onProgress) => asRun(await runDeprivation({ seed: options.seed }, onProgress)),
  },
  pruning: {
    name: 'pruning',
    title: 'Pruning: the network keeps working on far fewer synapses',
    needsDataset: false,
    rescales: false,
    run: async (options, onProgress) => asRun(await runPruning({ seed: options.seed }, onProgress)),
  },
};
