/**
 * Saves the run in the background: every `intervalMs` and whenever the page
 * asks (`flush`), never two writes at once, and not at all while the
 * simulation stands still. It knows no DOM and no timer of its own: the page
 * injects them, tests inject fake ones.
 *
 * The page wires it like this, flushing when the page is hidden (the last
 * moment it reliably still runs: a tab switched away, the browser minimised,
 * a phone locked, and before most unloads) and on `pagehide` (bfcache,
 * closing where `visibilitychange` came too late; a save begun this late may
 * not finish before the page goes, so the hidden flush is the one to count on):
 *
 *   const saver = new Autosaver({
 *     intervalMs: 30_000,
 *     take: async () => ({ meta: ..., payload: { experiment, snapshot: (await client.snapshot()).snapshot } }),
 *     write: (meta, payload) => library.autosave(meta, payload),
 *     now: () => performance.now(),
 *     later: (callback, ms) => { const id = setTimeout(callback, ms); return () => clearTimeout(id); },
 *     onError: (message) => showNotice(message),
 *   });
 *   saver.start();
 *   document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') void saver.flush(); });
 *   window.addEventListener('pagehide', () => void saver.flush());
 */

export interface AutosaverOptions<M extends { step: number }, P> {
  /** Time between periodic saves (ms), counted from the last write, periodic or flushed. */
  intervalMs: number;
  /** What to save now, its step in `meta`; null when there is nothing to save (no network yet). */
  take(): Promise<{ meta: M; payload: P } | null>;
  /** Stores it (the library's autosave slot); what it resolves to is ignored. */
  write(meta: M, payload: P): Promise<unknown>;
  /** The clock, ms. */
  now(): number;
  /** Calls `callback` once after `ms`; returns what cancels it. */
  later(callback: () => void, ms: number): () => void;
  /** A save failed: `message` says why, for a person. The next save tries again. */
  onError(message: string): void;
}

export class Autosaver<M extends { step: number }, P> {
  private running = false;
  /** Cancels the pending periodic save; null while none is pending (stopped, or the save is under way). */
  private cancelTimer: (() => void) | null = null;
  /** The save under way, and the one queued behind it (at most one: flushes during a save share it). */
  private writing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Step of the last state written; null before the first. */
  private savedStep: number | null = null;
  private savedAt = -Infinity;

  constructor(private readonly options: AutosaverOptions<M, P>) {}

  /** Starts the periodic saves (the first after `intervalMs`). */
  start(): void {
    this.running = true;
    if (!this.cancelTimer) this.schedule(this.options.intervalMs);
  }

  /** Stops the periodic saves; a save under way finishes, and `flush` still works. */
  stop(): void {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /**
   * Saves now, unless the step has not moved since the last write. With a
   * save under way it waits for that one and then saves again (only if the
   * step moved meanwhile). Resolves when done; never rejects: a failure goes
   * to `onError`.
   */
  flush(): Promise<void> {
    this.queued ??= (this.writing ?? Promise.resolve()).then(() => {
      this.queued = null;
      this.writing = this.attempt().finally(() => (this.writing = null));
      return this.writing;
    });
    return this.queued;
  }

  private schedule(ms: number): void {
    this.cancelTimer = this.options.later(() => {
      this.cancelTimer = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    const wait = this.savedAt + this.options.intervalMs - this.options.now();
    if (wait <= 0) await this.flush();
    // stop() then start() during the flush has scheduled already.
    if (this.running && !this.cancelTimer) this.schedule(wait > 0 ? wait : this.options.intervalMs);
  }

  private async attempt(): Promise<void> {
    try {
      const taken = await this.options.take();
      if (!taken || taken.meta.step === this.savedStep) return;
      await this.options.write(taken.meta, taken.payload);
      this.savedStep = taken.meta.step;
      this.savedAt = this.options.now();
    } catch (error) {
      this.options.onError(error instanceof Error ? error.message : String(error));
    }
  }
}
