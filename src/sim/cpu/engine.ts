/**
 * The CPU reference engine: plain TypeScript over typed arrays. Every rule of
 * the model is defined by what this engine does; the WebGPU engine is held to
 * it. One step runs the stages of ../schedule.ts in order.
 */
import type { ModulatorName } from '@/model';
import type { Connectome } from '../connectome';
import { checkInputRates } from '../input-rates';
import { type Backend, type Engine, type EngineOptions, type EngineSnapshot, type Frame, type ImprintOptions, type IncomingWeights, type SlotSample, type StructuralTotals } from '../engine';
import { STAGES, type Stage } from '../schedule';
import { homeostasis } from './homeostasis';
import { imprintKey, imprintValue } from './imprint';
import { checkIncomingRequest, incomingWeights } from './incoming';
import { inputs } from './inputs';
import { integrate } from './integrate';
import { learningConstants, type LearningConstants } from './learning-params';
import { giveBirth } from './neurogenesis';
import { checkLevel, modulation, modulatorIndex } from './modulation';
import { normalizationScratch, normalizeProjection } from './normalize';
import { populationConstants, type PopulationConstants } from './params';
import { setProbe } from './probe';
import { plasticity } from './plasticity';
import { outgoingRows, propagate, type OutgoingRows } from './propagate';
import { clearRecording, createRecording, record, takeFrame, type Recording } from './record';
import { restoreSnapshot, takeSnapshot } from './snapshot';
import { checkSlots, slotSample } from './slot-sample';
import { createSpikeList, createState, type CpuState, type SpikeList } from './state';
import { structure } from './structure';
import { countAlive, createStructureContext, type StructureContext } from './structure-context';
import { totalsOf } from './structure-events';
import type { ProjectionSite } from './structure-params';
import { TraceMode } from './trace';

export class CpuEngine implements Engine {
  readonly backend: Backend = 'cpu';
  /** The live state arrays (read them between steps; snapshot() for a copy). */
  readonly state: CpuState;
  private readonly constants: PopulationConstants[];
  private readonly learning: LearningConstants;
  /** Per-target sums for normalisation, reused at every call. */
  private readonly normalizeSums: Float64Array;
  private readonly outgoing: OutgoingRows[][];
  private readonly spikes: SpikeList;
  private readonly recording: Recording;
  /** Stage `structure`'s alive counts, event sink and scratch. */
  private readonly structure: StructureContext;
  private readonly seed: number;
  /** Scratch words for Philox draws, reused every step. */
  private readonly words = new Uint32Array(4);
  /** The schedule's stages as this engine runs them, in STAGES order. */
  private readonly schedule: (() => void)[];
  private steps = 0;

  constructor(
    readonly connectome: Connectome,
    options: EngineOptions = {},
  ) {
    this.constants = populationConstants(connectome);
    this.learning = learningConstants(connectome);
    this.normalizeSums = normalizationScratch(this.learning.normalizations);
    this.state = createState(connectome, this.constants, this.learning);
    this.outgoing = outgoingRows(connectome);
    this.spikes = createSpikeList(connectome.neuronCount);
    this.recording = createRecording(connectome.populations.length, options.recordSpikes ?? true, 0);
    this.seed = connectome.genome.seed;
    this.structure = createStructureContext(connectome, this.state, this.learning.structure, this.constants, this.recording.structure);
    const stages: Record<Stage, () => void> = {
      inputs: () => inputs(this.state, this.constants, this.steps, this.seed, this.words, this.spikes),
      integrate: () => integrate(this.state, this.constants, this.steps, this.spikes),
      propagate: () => {
        this.recording.synapticEvents += propagate(this.state, this.outgoing, this.connectome.populationOf, this.steps, this.spikes);
      },
      plasticity: () => plasticity(this.state, this.learning.traces, this.learning.plastic, this.connectome.populationOf, this.spikes),
      modulation: () => modulation(this.state, this.learning.plastic, this.learning.modulatorDecay),
      homeostasis: () => homeostasis(this.state, this.learning.homeostasis, this.connectome.populationOf, this.steps, this.spikes, this.normalizeSums),
      structure: () => structure(this.structure, this.connectome.populationOf, this.steps, this.spikes),
      record: () => record(this.recording, this.spikes, this.connectome.populationOf, this.state.v, this.steps),
    };
    this.schedule = STAGES.map((stage) => stages[stage]);
  }

  get stepCount(): number {
    return this.steps;
  }

  step(steps: number): void {
    if (!Number.isSafeInteger(steps) || steps < 0) throw new RangeError(`step: steps must be a whole number >= 0, got ${steps}`);
    for (let n = 0; n < steps; n++) {
      this.spikes.count = 0;
      for (let s = 0; s < this.schedule.length; s++) this.schedule[s]();
      this.steps++;
    }
  }

  setInputRates(population: number, rates: Float32Array | number): void {
    const layout = checkInputRates(this.connectome, population, rates);
    if (typeof rates === 'number') this.state.rate_hz.fill(rates, layout.start, layout.start + layout.capacity);
    else this.state.rate_hz.set(rates, layout.start);
  }

  setModulator(name: ModulatorName, level: number): void {
    const at = 'setModulator';
    this.state.modulators[modulatorIndex(name, at)] = checkLevel(level, name, at);
  }

  pulseModulator(name: ModulatorName, amount: number): void {
    const at = 'pulseModulator';
    const index = modulatorIndex(name, at);
    this.state.modulators[index] = checkLevel(this.state.modulators[index] + checkLevel(amount, name, at), name, at);
  }

  /**
   * Scales each target's incoming weights in `projection` so they sum to its
   * genome's normalization.total (targets receiving nothing are left alone),
   * e.g. before each sample; stage homeostasis also does it every `every_ms`.
   */
  normalize(projection: number): void {
    const layout = this.connectome.projections[projection];
    if (!layout) throw new RangeError(`normalize: no projection ${projection} (the network has ${this.connectome.projections.length})`);
    const c = this.learning.normalizations[projection];
    if (!c) throw new TypeError(`normalize: projection ${projection} ("${layout.name}") has no normalization in its genome`);
    normalizeProjection(this.state, c, this.normalizeSums);
  }

  /**
   * Brings the lowest unborn neuron of `population` into the network now,
   * reset and wired by its projections' rules (neurogenesis.ts); returns its
   * global index, or -1 when the population is at capacity. The next frame
   * counts the birth and its synapses.
   */
  birth(population: number): number {
    const layout = this.connectome.populations[population];
    if (!layout) throw new RangeError(`birth: no population ${population} (the network has ${this.connectome.populations.length})`);
    return giveBirth(this.structure, population);
  }

  /** Growths, prunings and births since step 0 (snapshots carry them; frames count them per frame). */
  structuralTotals(): StructuralTotals {
    return totalsOf(this.state.structureTotals);
  }

  /**
   * One-shot imprint of a key (imprint.ts): alive `neuron` of the projection's
   * target population takes, as its incoming weights in `projection`, the
   * pattern its sources present now (their traces) or `options.key`.
   * Returns the number of synapses that hold the key.
   */
  imprint(neuron: number, projection: number, options?: ImprintOptions): number {
    const site = this.siteOf(projection, 'imprint');
    const traceKept = this.learning.traces.modeOf[this.connectome.projections[projection].source] !== TraceMode.none;
    return imprintKey(this.connectome, this.state, site, neuron, traceKept, options);
  }

  /**
   * The value of a key-value neuron (imprint.ts): alive `neuron` of the
   * projection's source population sets the weight of its synapse onto each
   * target j to values[j] (one per neuron of the target's capacity). Returns
   * the number of synapses set.
   */
  imprintValue(neuron: number, projection: number, values: Float32Array): number {
    return imprintValue(this.connectome, this.state, this.siteOf(projection, 'imprintValue'), neuron, values);
  }

  private siteOf(projection: number, at: string): ProjectionSite {
    const site = this.learning.structure.sites[projection];
    if (!site) throw new RangeError(`${at}: no projection ${projection} (the network has ${this.connectome.projections.length})`);
    return site;
  }

  /** Records `neuron`'s v after each step from now on, for frames (probe.ts); null stops. */
  setProbe(neuron: number | null): void {
    setProbe(this.recording.probe, this.connectome, neuron, this.steps);
  }

  /** The live synapses of `projection` onto each of `neurons`, in ascending source order (incoming.ts). */
  readIncoming(neurons: Uint32Array, projection: number): IncomingWeights {
    const layout = checkIncomingRequest(this.connectome, neurons, projection);
    return incomingWeights(this.connectome, this.state, layout, this.learning.reverse.columns[projection], neurons);
  }

  /** What each of `slots` holds now (slot-sample.ts). */
  readSlots(slots: Uint32Array): SlotSample {
    checkSlots(this.connectome, slots);
    return slotSample(this.connectome, this.state, slots);
  }

  /** The frame since the previous one, synchronously (the CLI's loop); `readFrame` wraps it. */
  takeFrame(): Frame {
    return takeFrame(this.recording, this.steps, this.state.modulators);
  }

  readFrame(): Promise<Frame> {
    return Promise.resolve(this.takeFrame());
  }

  snapshot(): Promise<EngineSnapshot> {
    return Promise.resolve(takeSnapshot(this.state, this.steps));
  }

  /** Restores a snapshot of this network; throws, leaving the engine as it was, when it does not fit. The next frame starts at its step. */
  restore(snapshot: EngineSnapshot): Promise<void> {
    try {
      restoreSnapshot(this.state, snapshot);
    } catch (error) {
      return Promise.reject(error);
    }
    this.steps = snapshot.step;
    countAlive(this.connectome, this.state.alive, this.structure.aliveCount);
    clearRecording(this.recording, this.steps);
    return Promise.resolve();
  }
}
