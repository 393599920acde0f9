/**
 * Runs a command-line entry point: user mistakes (UsageError, GenomeError)
 * print one line per problem and exit 2; anything else is a bug and keeps
 * its stack trace (exit 1).
 */
import { formatErrors, GenomeError } from '@/model';
import { UsageError } from './args';

/** Exit status for a mistake in the command line or the experiment. */
export const EXIT_USAGE = 2;
/** Exit status for an internal failure. */
export const EXIT_FAILURE = 1;

/** The lines to print for a user's mistake, or null when `error` is not one. */
export function userErrorLines(error: unknown): string[] | null {
  if (error instanceof UsageError) return error.problems;
  if (error instanceof GenomeError) return formatErrors(error.errors).split('\n');
  return null;
}

export function runMain(command: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const lines = userErrorLines(error);
    if (lines) {
      for (const line of lines) process.stderr.write(`${command}: ${line}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`${command}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_FAILURE;
    }
  });
}
