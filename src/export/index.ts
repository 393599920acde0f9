/**
 * Exporting an experiment to an established simulator: the script, the
 * warnings naming what it leaves out, and with a learned state the data file
 * the script loads. The command line and the page's Export menu both call this.
 */
import type { Genome } from '@/model';
import type { EngineSnapshot } from '@/sim';
import { exportBrian2 } from './brian2';
import { learnedState, learnedStateArrays } from './learned-state';
import { encodeNpz } from './npz';
import { exportPyNN } from './pynn';
import type { ExportTarget } from './targets';

export { EXPORT_TARGETS, type ExportTarget } from './targets';

export interface ScriptExportOptions {
  /** Simulated time the script runs, s. */
  durationS: number;
  /** What the experiment came from, for the script's header. */
  source?: string;
  /** Sensors a stimulus is bound to. */
  boundSensors?: readonly string[];
  /** Start from this learned state, written to `stateFile` beside the script. */
  snapshot?: EngineSnapshot;
  /** The state's file name (no folder): the script looks for it beside itself. */
  stateFile?: string;
}

export interface ScriptExport {
  script: string;
  /** One line per rule or stimulus the script leaves out. */
  warnings: string[];
  /** The .npz the script loads, with a snapshot. */
  state?: { file: string; bytes: Uint8Array };
}

/** The data file's name beside a script `stem.py`. */
export function stateFileName(stem: string): string {
  return `${stem}-state.npz`;
}

function stimulusWarnings(genome: Genome, boundSensors: readonly string[], withState: boolean): string[] {
  return boundSensors.map((sensor) => {
    const population = genome.sensors.find((s) => s.name === sensor)?.population ?? sensor;
    return withState
      ? `stimulus on sensor ${sensor}: ${population} keeps the rates it had at the snapshot (a stream or sweep does not move on)`
      : `stimulus on sensor ${sensor} is not exported: ${population} fires at its genome's rate_hz`;
  });
}

/** The experiment as a script for `target`, with its learned state when a snapshot is given. */
export function exportScript(target: ExportTarget, genome: Genome, options: ScriptExportOptions): ScriptExport {
  const { snapshot } = options;
  const file = options.stateFile ?? stateFileName('experiment');
  const learned = snapshot ? learnedState(genome, snapshot) : undefined;
  const state = learned ? { file, learned } : undefined;
  const exporter = target === 'pynn' ? exportPyNN : exportBrian2;
  const { script, warnings } = exporter(genome, { durationS: options.durationS, source: options.source, state });
  return {
    script,
    warnings: [...warnings, ...stimulusWarnings(genome, options.boundSensors ?? [], learned !== undefined)],
    state: learned ? { file, bytes: encodeNpz(learnedStateArrays(learned)) } : undefined,
  };
}
