/**
 * Runs exported scripts in the Python that has Brian2 and PyNN (Debian's
 * python3-brian and python3-pynn: /usr/bin/python3, BRIAN2_PYTHON overrides)
 * and reads the JSON line they print at the end.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIAN2_PYTHON } from '@/cli/brian2';
import type { ScriptExport } from '@/export';

export { BRIAN2_PYTHON as PYTHON };

/** A weight distribution as the scripts print it (weight_summary). */
export interface WeightSummary {
  count: number;
  mean: number;
  sd: number;
  percentiles: number[];
}

export interface ScriptResult {
  duration_s: number;
  rates_hz: Record<string, number>;
  weights_start: Record<string, WeightSummary>;
  weights: Record<string, WeightSummary>;
}

/** True when the Python can import `module`. */
export function pythonHas(module: string): boolean {
  try {
    execFileSync(BRIAN2_PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A suite's title: says it is skipped, and why, only when it is. */
export function simulatorSuiteTitle(simulator: string, module: string, available: boolean): string {
  return `exported scripts under ${simulator}${available ? '' : ` (skipped: ${BRIAN2_PYTHON} cannot import ${module})`}`;
}

/** Under CI a missing simulator is a failure, not a skip: .ci/run installs `debianPackage`. */
export function requireUnderCi(available: boolean, module: string, debianPackage: string): void {
  if (available || !process.env.CI) return;
  describe(`exported scripts need ${module}`, () => {
    it(`needs ${module} under CI (${BRIAN2_PYTHON} -c "import ${module}" failed)`, () => {
      expect.fail(`install ${debianPackage}`);
    });
  });
}

/** Writes the script (and its state file) into a fresh folder, runs it, and returns its JSON line. */
export function runExported(exported: Pick<ScriptExport, 'script' | 'state'>): Promise<ScriptResult> {
  const dir = mkdtempSync(join(tmpdir(), 'neuroplay-export-'));
  const file = join(dir, 'net.py');
  writeFileSync(file, exported.script);
  if (exported.state) writeFileSync(join(dir, exported.state.file), exported.state.bytes);
  return new Promise((resolve, reject) =>
    execFile(BRIAN2_PYTHON, ['-W', 'ignore', file], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim().split('\n').slice(-5).join('\n')));
      else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ScriptResult);
    }),
  );
}
