/**
 * Command-line flags, parsed without side effects so they can be tested:
 * every problem becomes one line naming the flag and the reason, and all of
 * them are reported together rather than the first alone.
 */

/** A user's mistake on the command line or in an input file: printed as lines, never as a stack trace. */
export class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'UsageError';
  }
}

/** What a flag takes: a value (`--out file`) or nothing (`--json`). */
export type FlagKind = 'value' | 'switch';

export interface ParsedFlags {
  /** Arguments that are not flags, in order. */
  positional: string[];
  /** Flags seen, by name without dashes: the value, or true for a switch. */
  flags: Map<string, string | true>;
  problems: string[];
}

/**
 * Splits argv into positionals and known flags. Accepts `--name value` and
 * `--name=value`; a repeated flag keeps its last value; `--` ends the flags.
 */
export function parseFlags(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>): ParsedFlags {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(arg.startsWith('--') ? 2 : 1, eq >= 0 ? eq : undefined);
    const kind = spec[name];
    if (kind === undefined || !arg.startsWith('--')) {
      problems.push(`${arg.slice(0, eq >= 0 ? eq : undefined)}: unknown flag`);
      continue;
    }
    if (kind === 'switch') {
      if (eq >= 0) problems.push(`--${name}: takes no value`);
      else flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      problems.push(`--${name}: needs a value`);
      continue;
    }
    if (eq < 0) i++;
    flags.set(name, value);
  }
  return { positional, flags, problems };
}

/** Longest simulated time the CLI accepts, s: an hour of network time. */
export const MAX_DURATION_S = 3600;

/**
 * A duration with its unit, `2s`, `500ms`, `1.5s`, in seconds. A bare number
 * is refused: "2" could mean seconds or milliseconds.
 */
export function parseDurationS(text: string): number {
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*(ms|s)\s*$/i.exec(text);
  if (!match) {
    const hint = /^\s*[\d.]+\s*$/.test(text) ? ' (add a unit: 2s or 500ms)' : ' (expected a number with a unit: 2s or 500ms)';
    throw new Error(`"${text}" is not a duration${hint}`);
  }
  const value = Number(match[1]) * 10 ** Number(match[2] ?? 0);
  const seconds = match[3].toLowerCase() === 'ms' ? value / 1000 : value;
  if (!(seconds > 0)) throw new Error(`"${text}" must be longer than 0`);
  if (seconds > MAX_DURATION_S) throw new Error(`"${text}" exceeds the limit ${MAX_DURATION_S}s`);
  return seconds;
}

/** A whole number in [min, max]; `_` and `,` are not accepted, `4e3` and `64000` are. */
export function parseInteger(text: string, min: number, max: number): number {
  const value = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value)) throw new Error(`"${text}" is not a whole number`);
  if (value < min) throw new Error(`${value} is below the minimum ${min}`);
  if (value > max) throw new Error(`${value} exceeds the limit ${max}`);
  return value;
}

/** A comma-separated list of whole numbers in [min, max], e.g. `4000,16000`. */
export function parseIntegerList(text: string, min: number, max: number): number[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new Error(`"${text}" is not a comma-separated list of whole numbers`);
  return items.map((s) => parseInteger(s, min, max));
}

/**
 * Reads one flag's value through `parse`, recording `--flag: reason` in
 * `problems` on failure; undefined when the flag is absent or bad.
 */
export function readFlag<T>(parsed: ParsedFlags, name: string, parse: (text: string) => T): T | undefined {
  const raw = parsed.flags.get(name);
  if (raw === undefined || raw === true) return undefined;
  try {
    return parse(raw);
  } catch (error) {
    parsed.problems.push(`--${name}: ${(error as Error).message}`);
    return undefined;
  }
}
