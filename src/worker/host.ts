/**
 * What the engine worker does, apart from the worker itself: owns one
 * Engine, answers `ToWorker` messages, runs the loop paced to wall-clock time
 * and posts frames at display rate. An engine that can fail under the run
 * (WebGPU: a lost device) is snapshotted every few seconds, and on failure
 * the run moves to the fallback engine (the CPU engine) from the last
 * snapshot. Time and output come in through `HostIo`, so the same code runs
 * in a Worker and in a Node test.
 */
import { formatErrors, MODULATOR_NAMES, validateGenome, type ModulatorName } from '@/model';
import { buildConnectome, EMPTY_SLOT, type BuildBudget, type Connectome, type Engine, type EngineSnapshot } from '@/sim';
import { GpuEngineError } from '@/sim/gpu/engine';
import type { StimulusProgram } from '@/stimuli';
import { errorText, frameTransfer, type EngineReport, type ErrorPhase, type FrameMessage, type FromWorker, type IncomingView, type SourceGrid, type StructureStatus, type ToWorker } from './protocol';
import { RateMeter } from './rate-meter';
import { SensorBindings } from './sensor-bindings';
import { sampleSlots } from './synapse-sample';

export interface HostIo {
  post(message: FromWorker, transfer?: Transferable[]): void;
  /** Wall-clock time, ms. */
  now(): number;
  /** Calls `callback` once after `delayMs` of wall-clock time. */
  later(callback: () => void, delayMs: number): void;
}

/** An engine as the host runs it: the engine, what the page is told about it, and how it can fail. */
export interface HostedEngine {
  engine: Engine;
  /** What the page shows; `resumedAtStep` is the host's to set. */
  report: Omit<EngineReport, 'resumedAtStep'>;
  /**
   * Present for an engine that can fail under the run (a GPU): resolves with
   * the reason when it does (the device is lost, a pipeline fails). The host
   * keeps snapshots of such an engine and moves the run to the fallback engine.
   */
  failed?: Promise<string>;
  /** Releases what the engine holds (its device); called when the host lets go of it. */
  dispose?(): void;
  /** Destroys the engine's device, as a lost GPU would. */
  loseDevice?(): void;
}

export interface HostOptions {
  /** Ceiling on what a genome may grow to here, below the model's LIMITS. */
  budget: BuildBudget;
  /** The engine of choice for a network (WebGPU where the browser has it, else the CPU engine, saying why). */
  createEngine(connectome: Connectome): HostedEngine | Promise<HostedEngine>;
  /** The engine a run moves to when its engine fails (the CPU engine, which cannot), saying why. */
  createFallback(connectome: Connectome, reason: string): HostedEngine;
}

/** One loop iteration per display frame (60 Hz): each posts at most one frame. */
export const TICK_INTERVAL_MS = 1000 / 60;
/**
 * Wall time spent stepping per tick: nearly all of it, so a slow network
 * gets the whole thread, yet a message (pause) waits at most one tick.
 */
export const STEP_BUDGET_MS = 15;
/** Status (sim time, rates, real-time factor) goes out four times a second: human reading speed. */
export const STATUS_INTERVAL_MS = 250;
/** Frames posted but not yet handled by the page; beyond this the simulation waits for the display. */
export const MAX_FRAMES_IN_FLIGHT = 3;
/** Wall time one tick may make up for: after a stall (a hidden tab) the loop resumes instead of racing to catch up. */
export const MAX_CATCH_UP_MS = 100;
/** Speeds the loop accepts, simulated ms per wall-clock ms. */
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 1000;
/** Most steps one `step` message may ask for. */
export const MAX_STEPS_PER_MESSAGE = 1_000_000;
/** Wall time between reads of the connectome view's synapse sample. */
export const SYNAPSE_SAMPLE_INTERVAL_MS = 500;
/** Targets a weights view may ask for at once (a 10 x 10 tiling of receptive fields). */
export const MAX_WEIGHTS_NEURONS = 100;
/** Wall time between snapshots of an engine that can fail: what a failure may cost at most, plus one tick. */
export const SNAPSHOT_INTERVAL_MS = 2000;
/**
 * Share of wall time snapshots may take: a network whose snapshot takes
 * longer than SNAPSHOT_SHARE x SNAPSHOT_INTERVAL_MS is snapshotted less often.
 */
export const SNAPSHOT_SHARE = 0.05;

/** Occupied synapse slots: the rows are padded, so count the slots that hold a target. */
export function countSynapses(connectome: Connectome): number {
  const target = connectome.synapses.target;
  let count = 0;
  for (let i = 0; i < target.length; i++) if (target[i] !== EMPTY_SLOT) count++;
  return count;
}

export class EngineHost {
  private hosted: HostedEngine | null = null;
  private dtMs = 0;
  private stepsPerChunk = 1;
  private running = false;
  private speed = 1;
  /** Fractional steps owed to wall-clock time. */
  private owedSteps = 0;
  private lastTickMs = 0;
  private tickPending = false;
  private framesInFlight = 0;
  private rates = new RateMeter([], 1);
  /** What is bound to each sensor, and sensory deprivation. */
  private sensors: SensorBindings | null = null;
  /** The connectome view's slots and when they are next read. */
  private sampledSlots = new Uint32Array(0);
  private sampleDueMs = 0;
  /** Structural change since the network was grown. */
  private structure: StructureStatus = { synapses: 0, grown: 0, pruned: 0, born: 0 };
  private initialSynapses = 0;
  /** Modulator levels from the last frame, for the status. */
  private modulators: number[] = MODULATOR_NAMES.map(() => 0);
  private statusAtMs = 0;
  private statusAtStep = 0;
  /** The state to resume from if the engine fails; null: the network as built (step 0). */
  private lastSnapshot: EngineSnapshot | null = null;
  /** Wall time from which the next snapshot is due. */
  private snapshotDueMs = 0;
  /** Messages and ticks run one at a time, in order, even across awaits. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: HostIo,
    private readonly options: HostOptions,
  ) {}

  /** Queues a message from the page; its failure is posted as an error, never thrown. */
  receive(message: ToWorker): void {
    this.enqueue(() => this.apply(message), 'message');
  }

  /** Resolves once every message and tick queued so far has been handled (tests wait on it). */
  idle(): Promise<void> {
    return this.queue;
  }

  private get engine(): Engine | null {
    return this.hosted?.engine ?? null;
  }

  private enqueue(task: () => void | Promise<void>, phase: ErrorPhase): void {
    this.queue = this.queue.then(task).catch((error: unknown) => this.fail(phase, error));
  }

  /** Reports a failure; an engine that failed by itself hands the run to the fallback engine instead of stopping it. */
  private async fail(phase: ErrorPhase, error: unknown): Promise<void> {
    const hosted = this.hosted;
    if (error instanceof GpuEngineError && hosted?.failed) return this.moveToFallback(hosted, error.message);
    const wasRunning = this.running;
    // A loop that threw once would throw again on the next tick: stop it and say so.
    if (phase === 'run') this.running = false;
    this.io.post({ type: 'error', phase, message: errorText(error) });
    if (wasRunning && !this.running) this.postStatus();
  }

  private async apply(message: ToWorker): Promise<void> {
    switch (message.type) {
      case 'load':
        return this.load(message.genome, message.snapshot);
      case 'snapshot':
        return this.answer(message.id, async () => {
          const snapshot = await this.currentSnapshot();
          const boundAt = this.sensors?.boundAt() ?? {};
          this.io.post({ type: 'snapshot', id: message.id, snapshot, boundAt }, Object.values(snapshot.arrays).map((array) => array.buffer as ArrayBuffer));
        });
      case 'run':
        return this.setRunning(true);
      case 'pause':
        return this.setRunning(false);
      case 'step':
        return this.stepBy(message.steps);
      case 'setSpeed':
        return this.setSpeed(message.speed);
      case 'frameHandled':
        this.framesInFlight = Math.max(0, this.framesInFlight - 1);
        return;
      case 'loseDevice':
        return this.loseDevice();
      case 'pulse':
        return this.pulse(message.modulator, message.amount);
      case 'deprive':
        return this.deprive(message.on);
      case 'bind':
        return this.bind(message.sensor, message.program, message.fromStep);
      case 'unbind':
        return this.bind(message.sensor, null);
      case 'probe':
        this.requireEngine('probe').setProbe(message.neuron);
        return;
      case 'inspect':
        return this.answer(message.id, () => this.inspect(message.id, message.neuron));
      case 'weights':
        return this.answer(message.id, () => this.readWeights(message.id, message.projection, message.maxNeurons));
      default: {
        const unknown: never = message;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async load(input: unknown, snapshot?: EngineSnapshot): Promise<void> {
    const result = validateGenome(input);
    if (!result.ok) {
      this.io.post({ type: 'error', phase: 'genome', message: `The genome is invalid:\n${formatErrors(result.errors)}` });
      return;
    }
    let connectome: Connectome;
    let hosted: HostedEngine;
    try {
      connectome = buildConnectome(result.genome, this.options.budget);
      hosted = await this.options.createEngine(connectome);
    } catch (error) {
      this.io.post({ type: 'error', phase: 'build', message: `The network could not be built:\n${errorText(error)}` });
      return;
    }
    if (snapshot) {
      try {
        await hosted.engine.restore(snapshot);
      } catch (error) {
        hosted.dispose?.();
        this.io.post({ type: 'error', phase: 'build', message: `The saved state does not fit this genome:\n${errorText(error)}` });
        return;
      }
    }
    this.host(hosted);
    this.running = false;
    this.sensors = new SensorBindings(connectome);
    this.sampledSlots = sampleSlots(connectome);
    this.initialSynapses = countSynapses(connectome);
    this.countStructure(await hosted.engine.structuralTotals());
    this.dtMs = result.genome.dt_ms;
    // Check the clock about once per simulated ms: often enough to keep a tick inside its budget.
    this.stepsPerChunk = Math.max(1, Math.round(1 / this.dtMs));
    this.rates = new RateMeter(
      connectome.populations.map((p) => p.size),
      this.dtMs,
    );
    this.framesInFlight = 0;
    this.io.post({ type: 'engine', engine: { ...hosted.report, resumedAtStep: null } });
    this.io.post({
      type: 'ready',
      backend: hosted.engine.backend,
      genomeName: result.genome.name,
      genome: result.genome,
      dtMs: this.dtMs,
      neurons: connectome.populations.reduce((sum, p) => sum + p.size, 0),
      synapses: this.initialSynapses,
      populations: connectome.populations,
    });
    this.resetStatusWindow();
    this.postStatus();
    await this.postSynapseSample(hosted.engine);
  }

  /** Makes `hosted` the engine, releasing the previous one, and watches it for failure. */
  private host(hosted: HostedEngine): void {
    this.hosted?.dispose?.();
    this.hosted = hosted;
    this.lastSnapshot = null;
    this.snapshotDueMs = this.io.now() + SNAPSHOT_INTERVAL_MS;
    void hosted.failed?.then((reason) => this.enqueue(() => this.moveToFallback(hosted, reason), 'run'));
  }

  /**
   * Moves the run from a failed engine to the fallback engine, from the last
   * snapshot (or the network as built when there is none yet), and carries
   * on as it was: running or paused. Steps after the snapshot are run again.
   */
  private async moveToFallback(failed: HostedEngine, reason: string): Promise<void> {
    // Already replaced: by a load, or by this same failure reported twice (a thrown error and the lost device).
    if (this.hosted !== failed) return;
    const fallback = this.options.createFallback(failed.engine.connectome, reason);
    if (this.lastSnapshot) await fallback.engine.restore(this.lastSnapshot);
    this.host(fallback);
    // The steps after the snapshot run again: count structure from the engine's totals, and give the sensors their rates anew.
    this.countStructure(await fallback.engine.structuralTotals());
    this.sensors?.resume(fallback.engine.stepCount);
    this.io.post({ type: 'engine', engine: { ...fallback.report, resumedAtStep: fallback.engine.stepCount } });
    this.resetStatusWindow();
    this.postStatus();
    if (this.running) {
      this.lastTickMs = this.io.now();
      this.owedSteps = 0;
      this.scheduleTick(0);
    }
  }

  private loseDevice(): void {
    this.requireEngine('loseDevice');
    const hosted = this.hosted!;
    if (!hosted.loseDevice) throw new Error(`loseDevice: the network runs on the ${hosted.report.label} engine, which has no device to lose`);
    hosted.loseDevice();
  }

  /** Keeps a snapshot of an engine that can fail, when one is due. */
  private async keepSnapshot(): Promise<void> {
    const hosted = this.hosted;
    const startedMs = this.io.now();
    if (!hosted?.failed || startedMs < this.snapshotDueMs) return;
    this.lastSnapshot = await hosted.engine.snapshot();
    const tookMs = this.io.now() - startedMs;
    this.snapshotDueMs = this.io.now() + Math.max(SNAPSHOT_INTERVAL_MS, tookMs / SNAPSHOT_SHARE);
  }

  private requireEngine(action: string): Engine {
    if (!this.engine) throw new Error(`${action}: no network is loaded`);
    return this.engine;
  }

  private setRunning(running: boolean): void {
    this.requireEngine(running ? 'run' : 'pause');
    if (running === this.running) return;
    this.running = running;
    if (running) {
      this.lastTickMs = this.io.now();
      this.owedSteps = 0;
      this.resetStatusWindow();
      this.scheduleTick(0);
    }
    this.postStatus();
  }

  private setSpeed(speed: number): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new Error(`setSpeed.speed: ${speed} is outside ${MIN_SPEED} .. ${MAX_SPEED}`);
    this.speed = speed;
    this.owedSteps = 0;
    if (this.engine) this.postStatus();
  }

  private async stepBy(steps: number): Promise<void> {
    const engine = this.requireEngine('step');
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS_PER_MESSAGE)
      throw new Error(`step.steps: ${steps} must be an integer in 1 .. ${MAX_STEPS_PER_MESSAGE}`);
    try {
      this.advance(engine, steps);
      await this.postFrame(engine);
      await this.keepSnapshot();
      await this.postSynapseSample(engine);
    } catch (error) {
      return this.fail('run', error);
    }
    this.postStatus();
  }

  /** Steps `steps` steps, changing sensor rates at the steps their stimuli change. */
  private advance(engine: Engine, steps: number): void {
    const sensors = this.sensors!;
    const end = engine.stepCount + steps;
    while (engine.stepCount < end) {
      sensors.apply(engine);
      engine.step(Math.min(end, sensors.nextChangeStep()) - engine.stepCount);
    }
  }

  private scheduleTick(delayMs: number): void {
    if (this.tickPending) return;
    this.tickPending = true;
    this.io.later(() => {
      this.tickPending = false;
      this.enqueue(() => this.tick(), 'run');
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const engine = this.engine;
    if (!this.running || !engine) return;
    const startedMs = this.io.now();
    const wallMs = Math.min(startedMs - this.lastTickMs, MAX_CATCH_UP_MS);
    this.lastTickMs = startedMs;
    if (this.framesInFlight < MAX_FRAMES_IN_FLIGHT) {
      this.owedSteps += (wallMs * this.speed) / this.dtMs;
      const due = Math.floor(this.owedSteps);
      const done = this.stepUntil(engine, due, startedMs + STEP_BUDGET_MS);
      // Behind wall-clock time: drop the debt, so the real-time factor shows it instead of a growing backlog.
      this.owedSteps = done < due ? 0 : this.owedSteps - done;
      if (done > 0) await this.postFrame(engine);
      await this.keepSnapshot();
      if (startedMs >= this.sampleDueMs) await this.postSynapseSample(engine);
    } else {
      // The page is behind: the simulation waits for the display rather than queueing frames.
      this.owedSteps = 0;
    }
    const nowMs = this.io.now();
    if (nowMs - this.statusAtMs >= STATUS_INTERVAL_MS) this.postStatus();
    if (this.running) this.scheduleTick(Math.max(0, TICK_INTERVAL_MS - (nowMs - startedMs)));
  }

  /** Steps up to `due` steps, in chunks, until `deadlineMs`; returns the steps done. */
  private stepUntil(engine: Engine, due: number, deadlineMs: number): number {
    let done = 0;
    while (done < due) {
      const n = Math.min(this.stepsPerChunk, due - done);
      this.advance(engine, n);
      done += n;
      if (this.io.now() >= deadlineMs) break;
    }
    return done;
  }

  /** Sensory deprivation on or off; the engine keeps rates in its state, so a snapshot (and a move to the CPU engine) keeps the senses as they are. */
  private deprive(on: boolean): void {
    const engine = this.requireEngine('deprive');
    this.sensors!.deprive(engine, on);
    this.postStatus();
  }

  /** Binds a stimulus to a sensor (null: unbinds it); while paused the status shows it at once. */
  private bind(sensor: string, program: StimulusProgram | null, fromStep?: number): void {
    const engine = this.requireEngine(program ? 'bind' : 'unbind');
    this.sensors!.bind(engine, sensor, program, fromStep);
    this.postStatus();
  }

  /** The complete state now; a GPU that fails while asked moves the run to the fallback engine, which answers instead. */
  private async currentSnapshot(): Promise<EngineSnapshot> {
    const hosted = this.hosted;
    if (!hosted) throw new Error('snapshot: no network is loaded');
    try {
      return await hosted.engine.snapshot();
    } catch (error) {
      if (!(error instanceof GpuEngineError) || !hosted.failed) throw error;
      await this.moveToFallback(hosted, error.message);
      return this.engine!.snapshot();
    }
  }

  /** Runs a request; its failure goes back to the request (not the banner). */
  private async answer(id: number, request: () => Promise<void>): Promise<void> {
    try {
      await request();
    } catch (error) {
      this.io.post({ type: 'error', phase: 'message', message: errorText(error), requestId: id });
    }
  }

  private async inspect(id: number, neuron: number): Promise<void> {
    const engine = this.requireEngine('inspect');
    const { populations, projections } = engine.connectome;
    const population = populations.findIndex((p) => neuron >= p.start && neuron < p.start + p.capacity);
    if (!Number.isInteger(neuron) || population < 0) throw new RangeError(`inspect: no neuron ${neuron} (the network has ${engine.connectome.neuronCount})`);
    const incoming: IncomingView[] = [];
    for (const projection of projections) {
      if (projection.target !== population) continue;
      const weights = await engine.readIncoming(Uint32Array.of(neuron), projection.index);
      incoming.push({ projection: projection.index, name: projection.name, source: projection.source, grid: this.gridOf(projection.source), weights });
    }
    this.io.post({ type: 'inspection', id, neuron, population, incoming });
  }

  private async readWeights(id: number, projectionIndex: number, maxNeurons: number): Promise<void> {
    const engine = this.requireEngine('weights');
    const projection = engine.connectome.projections[projectionIndex];
    if (!projection) throw new RangeError(`weights: no projection ${projectionIndex} (the network has ${engine.connectome.projections.length})`);
    if (!Number.isInteger(maxNeurons) || maxNeurons < 1 || maxNeurons > MAX_WEIGHTS_NEURONS) throw new RangeError(`weights.maxNeurons: ${maxNeurons} must be an integer in 1 .. ${MAX_WEIGHTS_NEURONS}`);
    const target = engine.connectome.populations[projection.target];
    const neurons = Uint32Array.from({ length: Math.min(maxNeurons, target.size) }, (_, k) => target.start + k);
    const weights = await engine.readIncoming(neurons, projectionIndex);
    this.io.post({ type: 'weights', id, projection: projectionIndex, neurons, grid: this.gridOf(projection.source), weights }, [
      neurons.buffer,
      weights.offsets.buffer,
      weights.source.buffer,
      weights.weight.buffer,
    ]);
  }

  /** A population's grid from its genome layout, for drawing weights from it as an image. */
  private gridOf(population: number): SourceGrid {
    const layout = this.engine!.connectome.genome.populations[population].layout;
    return layout.kind === 'grid' ? { width: layout.width, height: layout.height } : null;
  }

  /** Reads the connectome view's sample of slots and posts it. */
  private async postSynapseSample(engine: Engine): Promise<void> {
    this.sampleDueMs = this.io.now() + SYNAPSE_SAMPLE_INTERVAL_MS;
    if (this.sampledSlots.length === 0) return;
    const sample = await engine.readSlots(this.sampledSlots);
    const slots = this.sampledSlots.slice();
    this.io.post({ type: 'synapses', sample: { slots, ...sample } }, [slots.buffer, sample.pre.buffer, sample.post.buffer, sample.weight.buffer]);
  }

  /** Structure since the network was grown, from totals since step 0. */
  private countStructure(totals: { grown: number; pruned: number; born: number }): void {
    this.structure = { ...totals, synapses: this.initialSynapses + totals.grown - totals.pruned };
  }

  /** A reward or punishment now; while paused, a frame and a status show the new level at once. */
  private async pulse(modulator: ModulatorName, amount: number): Promise<void> {
    const engine = this.requireEngine('pulse');
    engine.pulseModulator(modulator, amount);
    if (!this.running) {
      await this.postFrame(engine);
      this.postStatus();
    }
  }

  private async postFrame(engine: Engine): Promise<void> {
    const frame = await engine.readFrame();
    this.modulators = Array.from(frame.modulators);
    this.rates.add(frame.populationSpikes, frame.stepEnd - frame.stepStart);
    const { grown, pruned, born } = frame.structure;
    this.countStructure({ grown: this.structure.grown + grown, pruned: this.structure.pruned + pruned, born: this.structure.born + born });
    // Transferred as they are: an engine hands out frames it no longer uses (CpuEngine.takeFrame copies out).
    const message: FrameMessage = {
      type: 'frame',
      stepStart: frame.stepStart,
      stepEnd: frame.stepEnd,
      spikeStep: frame.spikeStep,
      spikeNeuron: frame.spikeNeuron,
      populationSpikes: frame.populationSpikes,
      structure: frame.structure,
      probe: frame.probe,
    };
    this.framesInFlight++;
    this.io.post(message, frameTransfer(message));
  }

  private resetStatusWindow(): void {
    this.statusAtMs = this.io.now();
    this.statusAtStep = this.engine?.stepCount ?? 0;
  }

  private postStatus(): void {
    const engine = this.engine;
    if (!engine) return;
    const nowMs = this.io.now();
    const wallMs = nowMs - this.statusAtMs;
    const simMs = (engine.stepCount - this.statusAtStep) * this.dtMs;
    this.io.post({
      type: 'status',
      running: this.running,
      speed: this.speed,
      step: engine.stepCount,
      simTimeMs: engine.stepCount * this.dtMs,
      realTimeFactor: this.running && wallMs > 0 ? simMs / wallMs : 0,
      ratesHz: this.rates.ratesHz(),
      modulators: this.modulators,
      deprived: this.sensors?.deprived ?? false,
      bindings: this.sensors?.bindings(engine.stepCount) ?? [],
      structure: this.structure,
    });
    this.statusAtMs = nowMs;
    this.statusAtStep = engine.stepCount;
  }
}
