/** Runs a command-line entry point as a person would (`tsx src/cli/<command>.ts`, through `node --import tsx` to spare npx's start-up). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(command: 'sim' | 'export', args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
