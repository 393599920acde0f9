/** The exporter's command line: `npm run export -- <preset | experiment.json | share link | state file> --to brian2|pynn [--with-state] [--out FILE] [--duration 1s]`. */
import type { ExportTarget } from '@/export/targets';
import { parseDurationS, parseFlags, readFlag, UsageError, type FlagKind } from './args';

export interface ExportCliOptions {
  /** A preset name, an experiment JSON file, a share link or a state file. */
  experiment: string;
  to: ExportTarget;
  /** Where to write the script; stdout when absent. */
  out?: string;
  /** Simulated time the script runs, s. */
  durationS: number;
  /** Start the script from the state file's learned state, written beside the script. */
  withState: boolean;
  help: boolean;
}

export const DEFAULT_EXPORT_DURATION_S = 1;

const SPEC: Record<string, FlagKind> = { to: 'value', out: 'value', duration: 'value', 'with-state': 'switch', help: 'switch' };

export const EXPORT_USAGE = `usage: npm run export -- <experiment> --to brian2|pynn [flags]

  <experiment>          a preset name, an experiment .json file, a share link (the page's
                        address, in quotes) or a state file (.neuroplay: the page's Saved tab
                        -> Export file, or npm run sim -- <experiment> --save-state FILE)
  --to brian2|pynn      the simulator to write a script for (a PyNN script runs on
                        pyNN.brian2, pyNN.nest or pyNN.neuron: python3 net.py --simulator nest)
  --out script.py       write the script to a file (default: stdout)
  --with-state          start from the state file's learned weights and grown connectome,
                        written beside the script as script-state.npz (needs --out)
  --duration 2s|500ms   simulated time the script runs (default ${DEFAULT_EXPORT_DURATION_S}s)
  --help                this text

  Rules with no equivalent in the target are left out with a comment in the
  script and a warning on stderr.`;

function parseTarget(text: string): ExportTarget {
  if (text === 'brian2' || text === 'pynn') return text;
  throw new Error(`"${text}" is not a target (choose brian2 or pynn)`);
}

/** Parses the exporter's argv (without `node script`); throws a UsageError listing every problem. */
export function parseExportArgs(argv: readonly string[]): ExportCliOptions {
  const parsed = parseFlags(argv, SPEC);
  const help = parsed.flags.has('help');
  const to = readFlag(parsed, 'to', parseTarget);
  const durationS = readFlag(parsed, 'duration', parseDurationS) ?? DEFAULT_EXPORT_DURATION_S;
  const out = readFlag(parsed, 'out', (t) => {
    if (t.trim() === '') throw new Error('needs a file name');
    return t;
  });
  const problems = parsed.problems;
  if (!help && !parsed.flags.has('to')) problems.push('--to: missing; choose brian2 or pynn');
  const withState = parsed.flags.has('with-state');
  if (!help && withState && out === undefined) problems.push('--with-state: needs --out, the state is written beside the script');
  if (!help && parsed.positional.length === 0) problems.push('missing the experiment: a preset name, a .json file, a share link or a state file');
  if (parsed.positional.length > 1) problems.push(`one experiment at a time, got ${parsed.positional.length}: ${parsed.positional.join(' ')}`);
  if (problems.length && !help) throw new UsageError(problems);
  return { experiment: parsed.positional[0] ?? '', to: to ?? 'brian2', out, durationS, withState, help };
}
