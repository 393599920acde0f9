/**
 * The page's side of the engine worker: owns the Worker, sends `ToWorker`
 * commands, hands frames straight to subscribers (the raster, run
 * statistics) without going through React, and turns a dead worker into an
 * error event.
 */
import type { ModulatorName } from '@/model';
import type { EngineSnapshot } from '@/sim';
import type { StimulusProgram } from '@/stimuli';
import { errorText, type FrameMessage, type FromWorker, type ToWorker } from './protocol';

type Message<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;
export type SynapseSampleMessage = Message<'synapses'>;
export type Inspection = Message<'inspection'>;
export type WeightsReply = Message<'weights'>;
export type SnapshotReply = Message<'snapshot'>;
type Answer = Inspection | WeightsReply | SnapshotReply;

/** Everything the worker says at human speed (not frames, samples or answers to requests): what the store listens to. */
export type WorkerEvent = Exclude<FromWorker, FrameMessage | SynapseSampleMessage | Answer>;

export type FrameListener = (frame: FrameMessage) => void;
export type EventListener = (event: WorkerEvent) => void;
export type SynapseListener = (message: SynapseSampleMessage) => void;

/** A request waiting for its answer, settled by id. */
interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

export class EngineClient {
  private readonly frameListeners = new Set<FrameListener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly synapseListeners = new Set<SynapseListener>();
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;
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

  /** Grows a genome; with `snapshot`, the network then takes that learned state. */
  load(genome: unknown, snapshot?: EngineSnapshot): void {
    this.send({ type: 'load', genome, ...(snapshot ? { snapshot } : {}) });
  }

  /** The complete state of the running network (to save or export), and the step each bound stimulus started at. */
  snapshot(): Promise<Pick<SnapshotReply, 'snapshot' | 'boundAt'>> {
    return (this.request((id) => ({ type: 'snapshot', id })) as Promise<SnapshotReply>).then(({ snapshot, boundAt }) => ({ snapshot, boundAt }));
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
  /** Reward (dopamine) or punishment (aversion): adds `amount` to the modulator's level. */
  pulse(modulator: ModulatorName, amount: number): void {
    this.send({ type: 'pulse', modulator, amount });
  }

  /** Sensory deprivation on or off: every sensor silent, or back to its input. */
  deprive(on: boolean): void {
    this.send({ type: 'deprive', on });
  }

  /** Destroys the worker's WebGPU device, as a lost GPU would (tests; the console through `window.__neuroplay`). */
  loseDevice(): void {
    this.send({ type: 'loseDevice' });
  }

  /** Binds a stimulus to a sensor of the running genome, presented from `fromStep` (default: the current step). */
  bind(sensor: string, program: StimulusProgram, fromStep?: number): void {
    this.send({ type: 'bind', sensor, program, ...(fromStep === undefined ? {} : { fromStep }) });
  }

  unbind(sensor: string): void {
    this.send({ type: 'unbind', sensor });
  }

  /** Records a neuron's membrane potential into the frames (null: stop). */
  probe(neuron: number | null): void {
    this.send({ type: 'probe', neuron });
  }

  /** The neuron's incoming weights, per projection ending on it. */
  inspect(neuron: number): Promise<Inspection> {
    return this.request((id) => ({ type: 'inspect', id, neuron })) as Promise<Inspection>;
  }

  /** Incoming weights of a projection's first `maxNeurons` targets. */
  weights(projection: number, maxNeurons: number): Promise<WeightsReply> {
    return this.request((id) => ({ type: 'weights', id, projection, maxNeurons })) as Promise<WeightsReply>;
  }

  /** Calls `listener` with every read of the connectome view's synapse sample; returns the unsubscribe function. */
  onSynapses(listener: SynapseListener): () => void {
    this.synapseListeners.add(listener);
    return () => this.synapseListeners.delete(listener);
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
      case 'synapses':
        for (const listener of this.synapseListeners) listener(message);
        return;
      case 'inspection':
      case 'weights':
      case 'snapshot':
        this.settle(message.id, message);
        return;
      case 'engine':
      case 'ready':
      case 'status':
        this.emit(message);
        return;
      case 'error':
        // A request the worker could not answer fails where it was made (the inspector says why), not in the banner.
        if (message.requestId !== undefined) this.settle(message.requestId, new Error(message.message));
        else this.emit(message);
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

  private request(message: (id: number) => ToWorker): Promise<Answer> {
    if (this.dead) return Promise.reject(new Error('the engine worker has stopped'));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(message(id));
    });
  }

  private settle(id: number, answer: Answer | Error): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (answer instanceof Error) pending?.reject(answer);
    else pending?.resolve(answer);
  }

  private emit(event: WorkerEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    for (const pending of this.pending.values()) pending.reject(new Error(`the engine worker stopped: ${reason}`));
    this.pending.clear();
    this.emit({ type: 'error', phase: 'worker', message: `The engine worker stopped: ${reason}` });
  }
}
