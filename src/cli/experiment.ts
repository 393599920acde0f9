/**
 * Turns the runner's first argument into a validated genome: a preset name
 * (rescaled and reseeded on request) or an experiment JSON file. Every
 * problem comes back as a line, `path: message` for genome fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatErrors, PRESETS, validateGenome, type Genome, type GenomeInput, type Preset } from '@/model';
import { UsageError } from './args';

export interface Experiment {
  genome: Genome;
  /** The preset's name, or null for a file. */
  preset: string | null;
  /** The preset name or the file path, as given. */
  source: string;
}

export interface ExperimentOverrides {
  neurons?: number;
  seed?: number;
}

function errorLines(errors: Parameters<typeof formatErrors>[0], prefix: string): string[] {
  return formatErrors(errors)
    .split('\n')
    .map((line) => prefix + line);
}

function validated(input: unknown, prefix: string): Genome {
  const result = validateGenome(input);
  if (!result.ok) throw new UsageError(errorLines(result.errors, prefix));
  return result.genome;
}

/**
 * True when `neurons` changes what the preset grows. A preset that ignores
 * the option would silently run at its fixed size, so the runner refuses.
 */
export function presetRescales(preset: Preset): boolean {
  const n = preset.defaultNeurons;
  if (n === undefined) return false;
  const probe = (neurons: number) => JSON.stringify(preset.genome({ neurons, seed: 1 }).populations);
  return probe(n) !== probe(n * 2);
}

function fromPreset(preset: Preset, overrides: ExperimentOverrides): Experiment {
  if (overrides.neurons !== undefined && !presetRescales(preset))
    throw new UsageError([`--neurons: the preset "${preset.name}" has a fixed size and does not rescale`]);
  const input: GenomeInput = preset.genome({ neurons: overrides.neurons, seed: overrides.seed });
  const genome = validated(input, overrides.neurons !== undefined ? `--neurons ${overrides.neurons}: ` : '');
  return { genome, preset: preset.name, source: preset.name };
}

function fromFile(path: string, overrides: ExperimentOverrides): Experiment {
  if (overrides.neurons !== undefined)
    throw new UsageError(['--neurons: applies to presets only; set the population sizes in the experiment file']);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError([`${path}: ${reason}`]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new UsageError([`${path}: not valid JSON (${(error as Error).message})`]);
  }
  if (overrides.seed !== undefined && input !== null && typeof input === 'object' && !Array.isArray(input)) input = { ...input, seed: overrides.seed };
  return { genome: validated(input, ''), preset: null, source: path };
}

/** Looks like a file rather than a preset name. */
function isPath(spec: string): boolean {
  return /[/\\]/.test(spec) || /\.json$/i.test(spec) || existsSync(spec);
}

/** Resolves a preset name or a JSON file; throws a UsageError with one line per problem. */
export function loadExperiment(spec: string, overrides: ExperimentOverrides = {}): Experiment {
  const preset = Object.hasOwn(PRESETS, spec) ? PRESETS[spec] : undefined;
  if (preset) return fromPreset(preset, overrides);
  if (isPath(spec)) return fromFile(spec, overrides);
  throw new UsageError([`"${spec}" is neither a preset (${Object.keys(PRESETS).join(', ')}) nor a .json file`]);
}
