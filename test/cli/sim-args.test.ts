import { describe, expect, it } from 'vitest';
import { UsageError } from '@/cli/args';
import { DEFAULT_DURATION_S, parseSimArgs } from '@/cli/sim-args';

function problems(argv: string[]): string[] {
  try {
    parseSimArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseSimArgs', () => {
  it('defaults to 1 s on the cpu backend, text output, no file', () => {
    expect(parseSimArgs(['cuba'])).toEqual({
      experiment: 'cuba',
      durationS: DEFAULT_DURATION_S,
      out: undefined,
      json: false,
      backend: 'cpu',
      neurons: undefined,
      seed: undefined,
      help: false,
    });
    expect(DEFAULT_DURATION_S).toBe(1);
  });

  it('reads every flag: 500ms is 0.5 s, --neurons 16000, --seed 7, --backend webgpu', () => {
    const o = parseSimArgs(['exp.json', '--duration', '500ms', '--out', 'r.json', '--json', '--backend', 'webgpu', '--neurons', '16000', '--seed', '7']);
    expect(o).toMatchObject({ experiment: 'exp.json', durationS: 0.5, out: 'r.json', json: true, backend: 'webgpu', neurons: 16000, seed: 7 });
  });

  it('lists every problem at once, one per flag (4 problems)', () => {
    expect(problems(['cuba', '--duration', '2', '--backend', 'cuda', '--seed', '-3', '--frobnicate'])).toEqual([
      '--frobnicate: unknown flag',
      '--duration: "2" is not a duration (add a unit: 2s or 500ms)',
      '--seed: -3 is below the minimum 0',
      '--backend: "cuda" is not a backend (choose cpu or webgpu)',
    ]);
  });

  it('--save-state takes a .neuroplay file name', () => {
    expect(parseSimArgs(['cuba', '--save-state', 'run.neuroplay']).saveState).toBe('run.neuroplay');
    expect(problems(['cuba', '--save-state', 'run.json'])).toEqual(["--save-state: a state file's name ends with .neuroplay"]);
  });

  it('needs exactly one experiment', () => {
    expect(problems([])).toEqual(['missing the experiment: a preset name or a .json file']);
    expect(problems(['cuba', 'balanced'])).toEqual(['one experiment at a time, got 2: cuba balanced']);
  });

  it('accepts --help alone', () => {
    expect(parseSimArgs(['--help']).help).toBe(true);
  });
});
