/**
 * The page's side of the engine worker: owns the Worker, sends `ToWorker`
 * commands, hands frames straight to subscribers (the raster, run
 * statistics) without going through React, and turns a dead worker into an
 * error event.
 */
import type { ModulatorName } from '@/model';
import { errorText, type FrameMessage, type FromWorker, type ToWorker } from './protocol';

/** Everything the worker says except frames: what the store listens to. */
export type WorkerEvent = Exclude<FromWorker, FrameMessage>;

export type FrameListener = (frame: FrameMessage) => void;
export type EventListener = (event: WorkerEvent) => void;

export class EngineClient {
  private readonly frameListeners = new Set<FrameListener>();
  private readonly eventListeners = new Set<EventListener>();
  private dead = false;

  /** Starts the engine worker (Vite bundles it from this exact `new Worker(new URL(...))` form). */
  static start(): EngineClient {
    return new EngineClient(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'neuroplay-engine' }));
  }

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => this.die(event.message || 'the worker script failed to load or threw');
    worker.onmessageerror = () => this.die('a message from the worker could not be read');
  }

  load(genome: unknown): void {
    this.send({ type: 'load', genome });
  }
  run(): void {
    this.send({ type: 'run' });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  step(steps: number): void {
    this.send({ type: 'step', steps });
  }
  /** Simulated ms per wall-clock ms; 1 is real time. */
  setSpeed(speed: number): void {
    this.send({ type: 'setSpeed', speed });
  }
  /** Destroys the worker's WebGPU device, as a lost GPU would (tests; the console through `window.__neuroplay`). */
  /** Reward (dopamine) or punishment (aversion): adds `amount` to the modulator's level. */
  pulse(modulator: ModulatorName, amount: number): void {
    this.send({ type: 'pulse', modulator, amount });
  }

  /** Sensory deprivation on or off: every sensor silent, or back to its input. */
  deprive(on: boolean): void {
    this.send({ type: 'deprive', on });
  }

  loseDevice(): void {
    this.send({ type: 'loseDevice' });
  }

  /** Calls `listener` with every frame; returns the unsubscribe function. */
  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Calls `listener` with every engine, ready, status and error message; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  terminate(): void {
    this.dead = true;
    this.worker.terminate();
  }

  private send(message: ToWorker): void {
    if (this.dead) return;
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'frame':
        this.deliverFrame(message);
        return;
      case 'engine':
      case 'ready':
      case 'status':
      case 'error':
        this.emit(message);
        return;
      default: {
        const unknown: never = message;
        this.emit({ type: 'error', phase: 'message', message: `unknown message from the worker: ${JSON.stringify(unknown)}` });
      }
    }
  }

  private deliverFrame(frame: FrameMessage): void {
    for (const listener of this.frameListeners) {
      try {
        listener(frame);
      } catch (error) {
        this.emit({ type: 'error', phase: 'page', message: `Drawing a frame failed: ${errorText(error)}` });
      }
    }
    // Acknowledged after the subscribers ran: the worker never gets more than a few frames ahead of the page.
    this.send({ type: 'frameHandled' });
  }

  private emit(event: WorkerEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.emit({ type: 'error', phase: 'worker', message: `The engine worker stopped: ${reason}` });
  }
}
