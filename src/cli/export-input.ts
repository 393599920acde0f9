/**
 * What the exporter reads: a preset, an experiment JSON file, a share link
 * (the page's address with `#x=...` or `#preset=...`), or a state file saved
 * from the page or by `npm run sim -- ... --save-state`, which alone carries
 * a learned state.
 */
import { readFileSync } from 'node:fs';
import { decodeShareHash, type Genome } from '@/model';
import { decodeStateFile, STATE_FILE_EXTENSION, type EngineSnapshot } from '@/sim';
import { UsageError } from './args';
import { loadExperiment } from './experiment';

export interface ExportInput {
  genome: Genome;
  /** What it came from, for the script's header. */
  source: string;
  /** Stimuli the experiment binds to sensors (a link's or a state file's); the scripts run sources at their genome rates. */
  boundSensors: string[];
  /** The learned state, when the input is a state file. */
  snapshot?: EngineSnapshot;
}

/** A share link: anything with a `#x=` or `#preset=` hash. */
function isShareLink(spec: string): boolean {
  return /#(x|preset)=/.test(spec);
}

function fromShareLink(spec: string): ExportInput {
  const hash = spec.slice(spec.indexOf('#'));
  const shared = decodeShareHash(hash);
  switch (shared.kind) {
    case 'experiment':
      return { genome: shared.experiment.genome, source: 'a share link', boundSensors: shared.experiment.bindings.map((b) => b.sensor) };
    // decodeShareHash has refused a preset this version does not have.
    case 'preset':
      return { ...loadExperiment(shared.name, { seed: shared.seed }), boundSensors: [] };
    case 'error':
      throw new UsageError([`the share link: ${shared.message}`]);
    case 'none':
      throw new UsageError(['the share link has no experiment in it']);
  }
}

async function fromStateFile(path: string): Promise<ExportInput> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError([`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`]);
  }
  const file = await decodeStateFile(bytes);
  if (!file.ok) throw new UsageError([`${path}: ${file.message}`]);
  return { genome: file.experiment.genome, source: path, boundSensors: file.experiment.bindings.map((b) => b.sensor), snapshot: file.snapshot };
}

/** Resolves the exporter's first argument; throws a UsageError with one line per problem. */
export async function loadExportInput(spec: string): Promise<ExportInput> {
  if (isShareLink(spec)) return fromShareLink(spec);
  if (spec.endsWith(STATE_FILE_EXTENSION)) return fromStateFile(spec);
  return { ...loadExperiment(spec), boundSensors: [] };
}
