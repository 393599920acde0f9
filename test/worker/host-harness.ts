/**
 * An EngineHost on a wall clock the test moves by hand: timers fire in
 * order, each tick runs to completion before the next, and frames are
 * acknowledged as the page would (or not, to test back-pressure).
 */
import { cpuEngine } from '@/worker/engines';
import { BROWSER_BUDGET } from '@/sim';
import { EngineHost, type HostIo, type HostOptions } from '@/worker/host';
import type { FromWorker, ToWorker } from '@/worker/protocol';

/** Lets queued promise work (the host's message queue) finish. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export type Message<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export class HostHarness {
  nowMs = 0;
  readonly posted: FromWorker[] = [];
  /** Whether frames are acknowledged as they arrive. */
  acknowledge = true;
  private timers: { atMs: number; callback: () => void }[] = [];
  private unacknowledged = 0;
  readonly host: EngineHost;

  /** `options` default to the CPU engine, and the CPU engine as the fallback. */
  constructor(io: Partial<HostIo> = {}, options: Partial<HostOptions> = {}) {
    this.host = new EngineHost(
      {
        post: (message) => {
          this.posted.push(message);
          if (message.type === 'frame') this.unacknowledged++;
        },
        now: () => this.nowMs,
        later: (callback, delayMs) => this.timers.push({ atMs: this.nowMs + delayMs, callback }),
        ...io,
      },
      { budget: BROWSER_BUDGET, createEngine: (connectome) => cpuEngine(connectome, null), createFallback: cpuEngine, ...options },
    );
  }

  /** Sends a message and waits until the host has handled it (a WebGPU engine answers over several turns of the event loop). */
  async send(message: ToWorker): Promise<void> {
    this.host.receive(message);
    await this.host.idle();
    await settle();
  }

  /** Moves the clock forward by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const endMs = this.nowMs + ms;
    for (;;) {
      this.timers.sort((a, b) => a.atMs - b.atMs);
      const next = this.timers[0];
      if (!next || next.atMs > endMs) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.atMs);
      next.callback();
      await settle();
      if (this.acknowledge) await this.acknowledgeFrames();
    }
    this.nowMs = endMs;
  }

  async acknowledgeFrames(): Promise<void> {
    for (; this.unacknowledged > 0; this.unacknowledged--) this.host.receive({ type: 'frameHandled' });
    await settle();
  }

  all<T extends FromWorker['type']>(type: T): Message<T>[] {
    return this.posted.filter((m): m is Message<T> => m.type === type);
  }

  last<T extends FromWorker['type']>(type: T): Message<T> {
    const all = this.all(type);
    if (all.length === 0) throw new Error(`no ${type} message was posted`);
    return all[all.length - 1];
  }

  /** Steps covered by all frames so far. */
  get stepEnd(): number {
    const frames = this.all('frame');
    return frames.length ? frames[frames.length - 1].stepEnd : 0;
  }
}
