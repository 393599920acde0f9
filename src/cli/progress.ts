/**
 * A progress bar on stderr for stepping, in simulated milliseconds. On a
 * terminal it shows at once; when stderr is a file or a pipe it appears only
 * for long runs (as a line every few seconds), so short runs and logs of
 * tests stay clean.
 */
import { SingleBar } from 'cli-progress';

/** A run projected to last at least this long (wall s) gets progress lines even off a terminal. */
export const LONG_RUN_S = 10;
/** Wall time before a projection is trusted, s. */
const PROJECTION_AFTER_S = 1;

/**
 * Whether to show progress: always on a terminal; elsewhere once the run,
 * projected from the share done so far, will last LONG_RUN_S or more.
 */
export function shouldShowProgress(isTTY: boolean, elapsedS: number, fractionDone: number): boolean {
  if (isTTY) return true;
  if (elapsedS < PROJECTION_AFTER_S || fractionDone <= 0) return false;
  return elapsedS / fractionDone >= LONG_RUN_S;
}

export class StepProgress {
  private bar: SingleBar | null = null;
  private readonly startMs = performance.now();

  constructor(
    private readonly label: string,
    private readonly totalSteps: number,
    private readonly dtMs: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Reports that `stepsDone` of the steps are done. */
  update(stepsDone: number): void {
    const simulatedMs = Math.round(stepsDone * this.dtMs);
    if (!this.bar) {
      const elapsedS = (performance.now() - this.startMs) / 1000;
      if (!shouldShowProgress(Boolean(this.stream.isTTY), elapsedS, stepsDone / this.totalSteps)) return;
      this.bar = new SingleBar({
        stream: this.stream,
        format: `${this.label} [{bar}] {percentage}% | {value}/{total} ms simulated | ETA {eta_formatted}`,
        barsize: 30,
        hideCursor: true,
        noTTYOutput: !this.stream.isTTY,
        notTTYSchedule: 2000,
        etaBuffer: 20,
      });
      this.bar.start(Math.round(this.totalSteps * this.dtMs), simulatedMs);
    }
    this.bar.update(simulatedMs);
  }

  /** Draws the final state and releases the terminal line. */
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

/** Seconds between progress lines for a task without steps, off a terminal. */
const TICK_LINE_S = 15;

/**
 * Shows that a task without steps of its own (a Brian2 compile and run) is
 * alive: on a terminal a counter of seconds updated in place, elsewhere a
 * line every TICK_LINE_S seconds. `stop` ends it with a final message.
 */
export function startTicker(label: string, stream: NodeJS.WriteStream = process.stderr): { stop(message: string): void } {
  const startMs = performance.now();
  const elapsed = () => Math.round((performance.now() - startMs) / 1000);
  const tty = Boolean(stream.isTTY);
  if (tty) stream.write(`${label} ...`);
  else stream.write(`${label} ...\n`);
  const timer = setInterval(
    () => {
      if (tty) stream.write(`\r${label} ... ${elapsed()} s`);
      else stream.write(`${label} ... ${elapsed()} s\n`);
    },
    tty ? 1000 : TICK_LINE_S * 1000,
  );
  return {
    stop(message: string) {
      clearInterval(timer);
      stream.write(tty ? `\r\x1b[2K${label}: ${message}\n` : `${label}: ${message}\n`);
    },
  };
}
