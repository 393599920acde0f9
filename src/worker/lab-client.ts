/**
 * The page's side of the lab worker: one client per run. It starts the
 * worker with the experiment, hands progress, curve points, the result and
 * errors to listeners, and turns a dead worker into an error event.
 *
 * Stopping terminates the worker: a protocol never yields to the worker's
 * event loop, so a "stop" message would only be read once the run was over.
 * A finished run (done or error) terminates its worker too.
 */
import type { FromLabWorker, LabDataset, LabDone, LabError, LabPoint, LabProgress, LabStart, ToLabWorker } from './lab-protocol';

/** What the page holds of a run: its events and a way to stop it. LabClient is one; tests pass a fake. */
export interface LabSession {
  /** Each listener method returns its unsubscribe function. */
  onProgress(listener: (progress: LabProgress) => void): () => void;
  onPoint(listener: (point: LabPoint) => void): () => void;
  onDone(listener: (done: LabDone) => void): () => void;
  onError(listener: (error: LabError) => void): () => void;
  /** Ends the run at once (the worker is terminated); no event follows. */
  stop(): void;
}

/** Starts a run: LabClient.start, or a fake in tests. */
export type StartLab = (experiment: string, seed: number, dataset?: LabDataset) => LabSession;

/** The part of a Worker the client uses, so tests can hand in a stand-in. */
export interface LabWorker {
  postMessage(message: ToLabWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromLabWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

type Listeners = { [K in FromLabWorker['type']]: Set<(message: Extract<FromLabWorker, { type: K }>) => void> };

export class LabClient implements LabSession {
  private readonly listeners: Listeners = { progress: new Set(), point: new Set(), done: new Set(), error: new Set() };
  private dead = false;

  /**
   * Starts a lab worker running `experiment` (Vite bundles it from this exact
   * `new Worker(new URL(...))` form). The data set is copied to the worker,
   * not transferred: the page keeps its images for the next run.
   */
  static start(experiment: string, seed: number, dataset?: LabDataset): LabClient {
    const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: 'neuroplay-lab' });
    return new LabClient(worker, { type: 'start', experiment, seed, dataset });
  }

  /** Wires `worker` and sends it `start`; its answers come in later tasks, so listeners added right after miss nothing. */
  constructor(
    private readonly worker: LabWorker,
    start: LabStart,
  ) {
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => this.die(event.message || 'the worker script failed to load or threw');
    worker.onmessageerror = () => this.die('a message from the worker could not be read');
    worker.postMessage(start);
  }

  onProgress(listener: (progress: LabProgress) => void): () => void {
    return this.listen(this.listeners.progress, listener);
  }
  onPoint(listener: (point: LabPoint) => void): () => void {
    return this.listen(this.listeners.point, listener);
  }
  onDone(listener: (done: LabDone) => void): () => void {
    return this.listen(this.listeners.done, listener);
  }
  onError(listener: (error: LabError) => void): () => void {
    return this.listen(this.listeners.error, listener);
  }

  stop(): void {
    this.dead = true;
    this.worker.terminate();
  }

  private listen<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  private receive(message: FromLabWorker): void {
    if (this.dead) return;
    switch (message.type) {
      case 'progress':
        return this.emit(this.listeners.progress, message);
      case 'point':
        return this.emit(this.listeners.point, message);
      case 'done':
        this.stop();
        return this.emit(this.listeners.done, message);
      case 'error':
        this.stop();
        return this.emit(this.listeners.error, message);
      default: {
        const unknown: never = message;
        this.die(`unknown message from the worker: ${JSON.stringify(unknown)}`);
      }
    }
  }

  private emit<T>(set: Set<(message: T) => void>, message: T): void {
    for (const listener of set) listener(message);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.stop();
    this.emit(this.listeners.error, { type: 'error', phase: 'worker', message: `The lab worker stopped: ${reason}` });
  }
}
