/**
 * Runs Brian2's CUBA (bench/brian2/cuba.py) in a child process and reads its
 * one JSON line. Brian2 2.5.1 is Debian's python3-brian, so the interpreter
 * is /usr/bin/python3 (not a pyenv python3 on PATH); BRIAN2_PYTHON overrides.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const BRIAN2_PYTHON = process.env.BRIAN2_PYTHON ?? '/usr/bin/python3';
export const CUBA_SCRIPT = fileURLToPath(new URL('../../bench/brian2/cuba.py', import.meta.url));

export type Brian2Mode = 'cpp_standalone' | 'cython' | 'numpy';

const Brian2ResultSchema = z.object({
  mode: z.enum(['cpp_standalone', 'cython', 'numpy']),
  N: z.number().int(),
  seed: z.number().int(),
  duration_s: z.number(),
  brian2: z.string(),
  /** Code generation + compilation (+ connecting in runtime modes), s. */
  build_s: z.number(),
  /** The simulation loop alone, s. */
  run_s: z.number(),
  spikes: z.number().int(),
  synapses: z.number().int(),
  synaptic_events: z.number().int(),
  mean_rate_hz: z.number(),
});
export type Brian2Result = z.infer<typeof Brian2ResultSchema>;

/** The result on the last non-empty line of cuba.py's stdout; throws naming what is wrong. */
export function parseBrian2Output(stdout: string): Brian2Result {
  const last = stdout.trim().split('\n').pop() ?? '';
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch {
    throw new Error(`cuba.py printed no JSON result (last line: ${JSON.stringify(last.slice(0, 200))})`);
  }
  const parsed = Brian2ResultSchema.safeParse(json);
  if (!parsed.success) throw new Error(`cuba.py result: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(BRIAN2_PYTHON, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${BRIAN2_PYTHON} ${args.join(' ')} failed: ${(stderr || error.message).trim().split('\n').slice(-3).join(' | ')}`));
      else resolve(stdout);
    });
  });
}

/** The command line that runs one Brian2 CUBA measurement, as a person would type it. */
export function brian2Command(neurons: number, durationS: number, seed: number, mode: Brian2Mode): string[] {
  return [CUBA_SCRIPT, '--neurons', String(neurons), '--duration', String(durationS), '--seed', String(seed), '--mode', mode];
}

export async function runBrian2Cuba(neurons: number, durationS: number, seed: number, mode: Brian2Mode): Promise<Brian2Result> {
  return parseBrian2Output(await run(brian2Command(neurons, durationS, seed, mode)));
}

/** Brian2's and Python's versions, e.g. "2.5.1 (Python 3.11.2)"; throws when Brian2 cannot be imported. */
export async function brian2Version(): Promise<string> {
  const out = await run(['-W', 'ignore', '-c', 'import sys, brian2; print(brian2.__version__, "(Python %d.%d.%d)" % sys.version_info[:3])']);
  return out.trim();
}
