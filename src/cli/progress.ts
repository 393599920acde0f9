/**
 * A progress bar on stderr (simulated milliseconds, or samples of a
 * protocol). On a
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

export class ProgressBar {
  private bar: SingleBar | null = null;
  private readonly startMs = performance.now();

  /** `unit` names what is counted ("ms simulated", "samples"). */
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Reports that `done` of the total are done; `note` (e.g. the latest metric) is shown beside the bar. */
  update(done: number, note = ''): void {
    if (!this.bar) {
      const elapsedS = (performance.now() - this.startMs) / 1000;
      if (!shouldShowProgress(Boolean(this.stream.isTTY), elapsedS, done / this.total)) return;
      this.bar = new SingleBar({
        stream: this.stream,
        format: `${this.label} [{bar}] {percentage}% | {value}/{total} ${this.unit} | ETA {eta_formatted} {note}`,
        barsize: 30,
        hideCursor: true,
        noTTYOutput: !this.stream.isTTY,
        notTTYSchedule: 2000,
        etaBuffer: 20,
      });
      this.bar.start(this.total, done, { note });
    }
    this.bar.update(done, { note });
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
