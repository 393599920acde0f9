/**
 * The WebGPU engine: the CPU reference engine's model as compute passes.
 * State lives on the device in the CPU engine's layout (state-map.ts); one
 * submission carries up to BATCH_STEPS steps, each the stages of
 * ../schedule.ts as dispatches; frames are read back asynchronously (the
 * raster ring is copied out when it would fill, or at readFrame), so the
 * pipeline never waits on the CPU between steps.
 *
 * What the views read (a probed neuron's v in a ring record.wgsl fills;
 * incoming weights and a sample of slots, inspect.ts) is gathered on the
 * device, and only that is read back.
 *
 * Operations a person triggers now and then and that edit the network one
 * neuron at a time (birth, imprint, imprintValue) run on the CPU engine:
 * the state moves over, the CPU engine applies the edit, the state moves
 * back. Both engines hold the same arrays, so this is exact.
 */
import type { ModulatorName } from '@/model';
import { MODULATOR_NAMES } from '@/model';
import type { Connectome } from '../connectome';
import { CpuEngine } from '../cpu/engine';
import { checkIncomingRequest } from '../cpu/incoming';
import { learningConstants } from '../cpu/learning-params';
import { checkLevel, modulatorIndex } from '../cpu/modulation';
import { populationConstants } from '../cpu/params';
import { probeTrace, setProbe, takeProbe, type Probe } from '../cpu/probe';
import type { ReverseLayout } from '../cpu/reverse-index';
import { checkSlots } from '../cpu/slot-sample';
import { snapshotMismatches } from '../cpu/snapshot';
import { createState, stateArrays } from '../cpu/state';
import { EVENT_SAMPLE_SIZE, TOTALS_LENGTH, totalsOf } from '../cpu/structure-events';
import { PROBE_CAPACITY, type Backend, type Engine, type EngineOptions, type EngineSnapshot, type Frame, type ImprintOptions, type IncomingWeights, type SlotSample, type StructuralTotals } from '../engine';
import { checkInputRates } from '../input-rates';
import { checkFits } from './device';
import { createInspectBuffers, INSPECT_KERNEL, Inspector } from './inspect';
import { COUNTERS, META, NEURON_FIELDS, NO_PROBE, POPULATION, PROJECTION, TICK_STRIDE, fieldOffset, neuronFieldIndex, packStructs } from './layout';
import { KERNELS, checkShaderSources, type KernelDecl } from './kernels';
import { compileKernel, dispatch, type GpuBuffers, type Kernel } from './pipeline';
import { GPU_STAGES, type LearningStages } from './stages';
import { fromWords, stateMap, toWords, type StateMap } from './state-map';
import { groupsOf, spikeGroupsFor, type StageContext } from './stage';
import { populationTable, projectionTable } from './tables';


/** Steps recorded in one submission at most. */
export const BATCH_STEPS = 256;

/** Words of raster the ring holds at most (16 MiB); fewer steps for larger networks. */
const RASTER_RING_WORDS = 4 << 20;

export interface GpuEngineOptions extends EngineOptions {
  /** Independent copies of the neuron state sharing the synapses (batched evaluation). Default 1. */
  copies?: number;
}

/** Why the engine stopped: the device was lost or a submission failed. Further calls throw it. */
export class GpuEngineError extends Error {
  override name = 'GpuEngineError';
}

type StateArray = EngineSnapshot['arrays'][string];

interface RasterChunk {
  firstStep: number;
  steps: number;
  words: Uint32Array;
}

export class GpuEngine implements Engine {
  readonly backend: Backend = 'webgpu';
  private steps = 0;
  /** Steps whose raster rows are still only on the device: stepsFlushed .. steps - 1. */
  private stepsFlushed = 0;
  private frameStart = 0;
  private readonly rasterSteps: number;
  private readonly rasterWords: number;
  private readonly batchSteps: number;
  /** Raster rows copied out and decoded since the last frame, in step order. */
  private readonly chunks: Promise<RasterChunk>[] = [];
  private totalsAtFrame: StructuralTotals = { grown: 0, pruned: 0, born: 0 };
  private failure: GpuEngineError | undefined;
  /** An excursion to the CPU engine is under way: stepping now would be undone by its return. */
  private excursion = false;
  private cpuTwin: CpuEngine | undefined;
  private readonly hasSources: boolean;
  /** The probed neuron; its v is in the 'probe_v' ring by step (record.wgsl). */
  private readonly probe: Probe = { neuron: null, from: 0 };
  private readonly inspector: Inspector;

  private constructor(
    readonly device: GPUDevice,
    readonly connectome: Connectome,
    readonly copies: number,
    private readonly recordSpikes: boolean,
    private readonly buffers: GpuBuffers,
    private readonly kernels: Record<keyof typeof KERNELS, Kernel>,
    private readonly learning: LearningStages,
    private readonly map: StateMap,
    private readonly template: Record<string, StateArray>,
    layout: { rasterSteps: number; rasterWords: number },
    inspect: { kernel: Kernel; reverse: ReverseLayout },
  ) {
    this.rasterSteps = layout.rasterSteps;
    this.rasterWords = layout.rasterWords;
    this.batchSteps = Math.min(BATCH_STEPS, this.rasterSteps);
    this.hasSources = connectome.populations.some((p) => p.kind === 'spike_source');
    this.inspector = new Inspector(device, connectome, buffers, inspect.kernel, (spans) => this.download(spans), inspect.reverse);
    void device.lost.then((info) => {
      this.failure ??= new GpuEngineError(`WebGPU device lost (${info.reason}): ${info.message || 'no message'}`);
    });
  }

  /**
   * Builds the engine for `connectome` on `device`: checks the network fits
   * the device's limits (a clear error naming the array and the limit when
   * not), uploads the initial state, compiles every kernel.
   */
  static async create(device: GPUDevice, connectome: Connectome, sources: Partial<Record<string, string>>, options: GpuEngineOptions = {}): Promise<GpuEngine> {
    const shaders = checkShaderSources(sources);
    const copies = options.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1) throw new RangeError(`WebGPU engine: copies must be a whole number >= 1, got ${copies}`);
    const recordSpikes = options.recordSpikes ?? true;
    const constants = populationConstants(connectome);
    const learning = learningConstants(connectome);
    const n = connectome.neuronCount;
    const p = connectome.populations.length;
    const template = stateArrays(createState(connectome, constants, learning));
    const fieldStride = n * copies;
    const driveOffset = MODULATOR_NAMES.length;
    const totalsOffset = driveOffset + p;
    const map = stateMap(template, fieldStride, driveOffset, totalsOffset);
    const rasterWords = Math.ceil(n / 32);
    const rasterSteps = Math.max(1, Math.min(4096, Math.floor(RASTER_RING_WORDS / Math.max(1, rasterWords))));

    const sizes: [string, number][] = [
      ['neurons', NEURON_FIELDS.length * fieldStride],
      ['spikes', copies * 2 * (n + 1)],
      ['ring', copies * template.ring.length],
      ['target', template.target.length],
      ['weight', template.weight.length],
      ['delay', template.delaySteps.length],
      ['row_end', template.rowEnd.length],
      ['eligibility', template.eligibility.length],
      ['reverse', template.reverseSlot.length + template.reverseCount.length],
      ['globals', totalsOffset + TOTALS_LENGTH],
      ['counters', COUNTERS.populationSpikes + p],
      ['raster', recordSpikes ? rasterSteps * rasterWords : 1],
      ['probe_v', PROBE_CAPACITY],
    ];
    checkFits(device, sizes);

    const buffers: GpuBuffers = new Map();
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const createBuffer = (name: string, words: number, usage = storage) => {
      const buffer = device.createBuffer({ label: name, size: Math.max(1, words) * 4, usage });
      buffers.set(name, buffer);
      return buffer;
    };
    for (const [name, words] of sizes) createBuffer(name, words);
    const uniform = GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;
    const meta = {
      neuron_count: n,
      copies,
      field_stride: fieldStride,
      ring_length: template.ring.length / (4 * n || 1),
      population_count: p,
      projection_count: connectome.projections.length,
      seed: connectome.genome.seed,
      raster_words: rasterWords,
      raster_steps: rasterSteps,
      record: recordSpikes ? 1 : 0,
      eligibility_length: template.eligibility.length,
      drive_offset: driveOffset,
      totals_offset: totalsOffset,
      spike_groups: spikeGroupsFor(n),
      probe_neuron: NO_PROBE,
    };
    const uniformOf = (name: string, data: ArrayBuffer) => device.queue.writeBuffer(createBuffer(name, data.byteLength / 4, uniform), 0, data);
    uniformOf('meta', packStructs(META, [meta]));
    createBuffer('tick', (BATCH_STEPS * TICK_STRIDE) / 4, uniform);
    uniformOf('populations', packStructs(POPULATION, populationTable(constants, learning)));
    uniformOf('projections', packStructs(PROJECTION, projectionTable(connectome, learning)));
    for (const [name, array] of Object.entries(template)) writeState(device, buffers, map[name], array, copies, n);

    const compile = (name: string, decl: KernelDecl) => compileKernel(device, name, decl, shaders, buffers, p, connectome.projections.length, BATCH_STEPS);
    const kernels = {} as Record<keyof typeof KERNELS, Kernel>;
    for (const name of Object.keys(KERNELS) as (keyof typeof KERNELS)[]) kernels[name] = await compile(name, KERNELS[name]);
    const ctx: StageContext = { device, connectome, constants, learning, buffers, createBuffer, compile, copies };
    const stages = await GPU_STAGES(ctx);
    createInspectBuffers(device, buffers);
    // One step slot: the reads run between steps, and rebinding after a buffer grows makes one bind group.
    const inspect = await compileKernel(device, 'inspect', INSPECT_KERNEL, shaders, buffers, p, connectome.projections.length, 1);
    return new GpuEngine(device, connectome, copies, recordSpikes, buffers, kernels, stages, map, template, { rasterSteps, rasterWords }, { kernel: inspect, reverse: learning.reverse });
  }

  get stepCount(): number {
    return this.steps;
  }

  private usable(at: string): void {
    if (this.failure) throw this.failure;
    if (this.excursion) throw new Error(`${at}: an edit on the CPU engine (birth, imprint) is under way; await it first`);
  }

  step(steps: number): void {
    if (!Number.isSafeInteger(steps) || steps < 0) throw new RangeError(`step: steps must be a whole number >= 0, got ${steps}`);
    this.usable('step');
    let left = steps;
    while (left > 0) {
      const batch = Math.min(left, this.batchSteps);
      if (this.recordSpikes && this.steps + batch - this.stepsFlushed > this.rasterSteps) this.flushRaster();
      this.submitBatch(batch);
      left -= batch;
    }
  }

  private submitBatch(batch: number): void {
    const ticks = new Uint32Array((batch * TICK_STRIDE) / 4);
    for (let k = 0; k < batch; k++) {
      const t = this.steps + k;
      ticks[(k * TICK_STRIDE) / 4] = t;
      ticks[(k * TICK_STRIDE) / 4 + 1] = t % this.rasterSteps;
    }
    this.device.queue.writeBuffer(this.buffers.get('tick')!, 0, ticks);
    const encoder = this.device.createCommandEncoder({ label: 'steps' });
    const pass = encoder.beginComputePass({ label: 'steps' });
    const n = this.connectome.neuronCount;
    const neuronGroups = groupsOf(n);
    const spikeGroups = spikeGroupsFor(n);
    for (let k = 0; k < batch; k++) {
      const t = this.steps + k;
      if (this.hasSources) dispatch(pass, this.kernels.inputs, 'main', k, neuronGroups, this.copies);
      dispatch(pass, this.kernels.integrate, 'main', k, neuronGroups, this.copies);
      dispatch(pass, this.kernels.propagate, 'main', k, spikeGroups, this.copies);
      for (const stage of this.learning.perStep) stage.encode(pass, k, t);
      dispatch(pass, this.kernels.record, 'main', k, spikeGroups, this.copies);
    }
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    this.steps += batch;
  }

  /** Copies the raster rows of steps stepsFlushed .. steps - 1 out and clears them on the device. */
  private flushRaster(): void {
    const first = this.stepsFlushed;
    const count = this.steps - first;
    this.stepsFlushed = this.steps;
    if (!this.recordSpikes || count === 0) return;
    const words = this.rasterWords;
    const raster = this.buffers.get('raster')!;
    const staging = this.device.createBuffer({ label: 'raster readback', size: count * words * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'raster readback' });
    // The rows may wrap around the end of the ring: at most two copies.
    let copied = 0;
    while (copied < count) {
      const row = (first + copied) % this.rasterSteps;
      const rows = Math.min(count - copied, this.rasterSteps - row);
      encoder.copyBufferToBuffer(raster, row * words * 4, staging, copied * words * 4, rows * words * 4);
      encoder.clearBuffer(raster, row * words * 4, rows * words * 4);
      copied += rows;
    }
    this.device.queue.submit([encoder.finish()]);
    const chunk = staging.mapAsync(GPUMapMode.READ).then(
      () => {
        const data = new Uint32Array(staging.getMappedRange().slice(0));
        staging.destroy();
        return { firstStep: first, steps: count, words: data };
      },
      (error: unknown) => {
        throw (this.failure ??= new GpuEngineError(`WebGPU raster readback failed: ${(error as Error).message}`));
      },
    );
    // readFrame awaits it; a device lost before then (readFrame failing first) must not leave an unhandled rejection.
    chunk.catch(() => {});
    this.chunks.push(chunk);
  }

  setInputRates(population: number, rates: Float32Array | number): void {
    this.usable('setInputRates');
    const layout = checkInputRates(this.connectome, population, rates);
    for (let copy = 0; copy < this.copies; copy++) this.writeRates(copy, layout.start, layout.capacity, rates);
  }

  /** Writes checked rates for the neurons start .. start + count - 1 of one copy. */
  private writeRates(copy: number, start: number, count: number, rates: Float32Array | number): void {
    const values = typeof rates === 'number' ? new Float32Array(count).fill(rates) : rates;
    const n = this.connectome.neuronCount;
    const at = neuronFieldIndex('rate_hz') * n * this.copies + copy * n + start;
    this.device.queue.writeBuffer(this.buffers.get('neurons')!, at * 4, values.buffer, values.byteOffset, values.byteLength);
  }

  setModulator(name: ModulatorName, level: number): void {
    this.usable('setModulator');
    const index = modulatorIndex(name, 'setModulator');
    this.device.queue.writeBuffer(this.buffers.get('globals')!, index * 4, Float32Array.of(checkLevel(level, name, 'setModulator')));
  }

  pulseModulator(name: ModulatorName, amount: number): void {
    this.usable('pulseModulator');
    this.learning.pulse(modulatorIndex(name, 'pulseModulator'), checkLevel(amount, name, 'pulseModulator'));
  }

  normalize(projection: number): void {
    this.usable('normalize');
    const layout = this.connectome.projections[projection];
    if (!layout) throw new RangeError(`normalize: no projection ${projection} (the network has ${this.connectome.projections.length})`);
    if (!this.connectome.genome.projections[projection].normalization)
      throw new TypeError(`normalize: projection ${projection} ("${layout.name}") has no normalization in its genome`);
    this.learning.normalize(projection);
  }

  async birth(population: number): Promise<number> {
    const layout = this.connectome.populations[population];
    if (!layout) throw new RangeError(`birth: no population ${population} (the network has ${this.connectome.populations.length})`);
    return this.onCpu((cpu) => cpu.birth(population));
  }

  async structuralTotals(): Promise<StructuralTotals> {
    this.usable('structuralTotals');
    const location = this.map.structureTotals;
    const [words] = await this.download([location]);
    return totalsOf(words);
  }

  async imprint(neuron: number, projection: number, options?: ImprintOptions): Promise<number> {
    return this.onCpu((cpu) => cpu.imprint(neuron, projection, options));
  }

  async imprintValue(neuron: number, projection: number, values: Float32Array): Promise<number> {
    return this.onCpu((cpu) => cpu.imprintValue(neuron, projection, values));
  }

  /**
   * Runs `edit` on the CPU engine holding this engine's state, then takes the
   * edited state back; the structural events it made go into the next frame.
   * If `edit` throws, nothing changes here.
   */
  private async onCpu<T>(edit: (cpu: CpuEngine) => T): Promise<T> {
    this.usable('edit');
    this.excursion = true;
    try {
      const before = await this.snapshot();
      const cpu = (this.cpuTwin ??= new CpuEngine(this.connectome, { recordSpikes: false }));
      await cpu.restore(before);
      const result = edit(cpu);
      this.pendingEvents.push(cpu.takeFrame().structure);
      this.writeSnapshot(await cpu.snapshot());
      return result;
    } finally {
      this.excursion = false;
    }
  }

  /** Records `neuron`'s v after each step from now on (record.wgsl writes the probe ring); null stops. */
  setProbe(neuron: number | null): void {
    this.usable('setProbe');
    setProbe(this.probe, this.connectome, neuron, this.steps);
    this.device.queue.writeBuffer(this.buffers.get('meta')!, fieldOffset(META, 'probe_neuron'), Uint32Array.of(neuron ?? NO_PROBE));
  }

  /** The synapses of `projection` onto each of `neurons`, found on the device (inspect.ts) after everything submitted before the call. */
  async readIncoming(neurons: Uint32Array, projection: number): Promise<IncomingWeights> {
    if (this.failure) throw this.failure;
    return this.inspector.readIncoming(checkIncomingRequest(this.connectome, neurons, projection), neurons);
  }

  /** What each of `slots` holds after everything submitted before the call, gathered on the device (inspect.ts). */
  async readSlots(slots: Uint32Array): Promise<SlotSample> {
    if (this.failure) throw this.failure;
    checkSlots(this.connectome, slots);
    return this.inspector.readSlots(slots);
  }

  /** Structural events made on the CPU engine (births by request), for the next frame. */
  private readonly pendingEvents: Frame['structure'][] = [];

  async readFrame(): Promise<Frame> {
    this.usable('readFrame');
    this.flushRaster();
    const stepEnd = this.steps;
    const counters = this.buffers.get('counters')!;
    const eventSpans = this.learning.frameReadback();
    const probe = takeProbe(this.probe, stepEnd);
    const [counts, globals, ...rest] = await this.download(
      [
        { buffer: 'counters', offset: 0, length: COUNTERS.populationSpikes + this.connectome.populations.length },
        { buffer: 'globals', offset: 0, length: this.map.structureTotals.offset + TOTALS_LENGTH },
        ...eventSpans,
        ...(probe?.spans ?? []).map(([offset, length]) => ({ buffer: 'probe_v', offset, length })),
      ],
      (encoder) => encoder.clearBuffer(counters),
    );
    const events = rest.splice(0, eventSpans.length)[0];
    const chunks = await Promise.all(this.chunks.splice(0));
    const { spikeStep, spikeNeuron } = decodeRaster(chunks, this.rasterWords, this.connectome.neuronCount);
    const totalsWords = globals.subarray(this.map.structureTotals.offset, this.map.structureTotals.offset + TOTALS_LENGTH);
    const totals = totalsOf(totalsWords);
    const sample = mergeSamples([...this.pendingEvents.splice(0).map((e) => e.sample), this.learning.frameSample(events)]);
    const frame: Frame = {
      stepStart: this.frameStart,
      stepEnd,
      spikeStep,
      spikeNeuron,
      populationSpikes: Float64Array.from(counts.subarray(COUNTERS.populationSpikes)),
      synapticEvents: counts[COUNTERS.eventsHi] * 4294967296 + counts[COUNTERS.eventsLo],
      modulators: new Float32Array(globals.buffer.slice(globals.byteOffset, globals.byteOffset + MODULATOR_NAMES.length * 4)),
      structure: {
        grown: totals.grown - this.totalsAtFrame.grown,
        pruned: totals.pruned - this.totalsAtFrame.pruned,
        born: totals.born - this.totalsAtFrame.born,
        sample,
      },
      probe: probe && probeTrace(probe, rest.map((words) => new Float32Array(words.buffer, words.byteOffset, words.length))),
    };
    this.totalsAtFrame = totals;
    this.frameStart = stepEnd;
    return frame;
  }

  /**
   * Copies the given spans out of their buffers (after everything submitted
   * so far), running `after` in the same submission, and returns their words.
   */
  private async download(spans: readonly { buffer: string; offset: number; length: number }[], after?: (encoder: GPUCommandEncoder) => void): Promise<Uint32Array[]> {
    const total = spans.reduce((sum, s) => sum + s.length, 0);
    const staging = this.device.createBuffer({ label: 'readback', size: Math.max(1, total) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder({ label: 'readback' });
    let at = 0;
    for (const s of spans) {
      if (s.length > 0) encoder.copyBufferToBuffer(this.buffers.get(s.buffer)!, s.offset * 4, staging, at * 4, s.length * 4);
      at += s.length;
    }
    after?.(encoder);
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(GPUMapMode.READ);
    } catch (error) {
      this.failure ??= new GpuEngineError(`WebGPU readback failed: ${(error as Error).message}`);
      throw this.failure;
    }
    const words = new Uint32Array(staging.getMappedRange().slice(0));
    staging.destroy();
    const out: Uint32Array[] = [];
    at = 0;
    for (const s of spans) {
      out.push(words.subarray(at, at + s.length));
      at += s.length;
    }
    return out;
  }

  async snapshot(): Promise<EngineSnapshot> {
    if (this.failure) throw this.failure;
    const names = Object.keys(this.template);
    const words = await this.download(names.map((name) => this.map[name]));
    const arrays: Record<string, StateArray> = {};
    names.forEach((name, k) => (arrays[name] = fromWords(words[k], this.map[name].type)));
    return { format: 'neuroplay-state', version: 1, step: this.steps, arrays };
  }

  /** Restores a snapshot of this network, from either engine; throws, leaving the engine as it was, when it does not fit. */
  restore(snapshot: EngineSnapshot): Promise<void> {
    try {
      this.usable('restore');
      const problems = snapshotMismatches(this.template, snapshot);
      if (problems.length)
        throw new Error(`restore: the snapshot does not fit this network (${this.connectome.neuronCount} neurons, ${this.template.target.length} synapse slots): ${problems.join('; ')}`);
    } catch (error) {
      return Promise.reject(error);
    }
    this.writeSnapshot(snapshot);
    this.steps = snapshot.step;
    this.stepsFlushed = snapshot.step;
    this.frameStart = snapshot.step;
    this.probe.from = snapshot.step;
    this.chunks.length = 0;
    this.pendingEvents.length = 0;
    this.learning.restart();
    const encoder = this.device.createCommandEncoder({ label: 'restore' });
    for (const name of ['spikes', 'counters', 'raster']) encoder.clearBuffer(this.buffers.get(name)!);
    this.device.queue.submit([encoder.finish()]);
    const totals = snapshot.arrays.structureTotals as Uint32Array;
    this.totalsAtFrame = totalsOf(totals);
    return Promise.resolve();
  }

  /** Writes every array of a checked snapshot into the device state (all copies). */
  private writeSnapshot(snapshot: EngineSnapshot): void {
    for (const [name, array] of Object.entries(snapshot.arrays)) writeState(this.device, this.buffers, this.map[name], array, this.copies, this.connectome.neuronCount);
  }

  /** Frees the device buffers; the engine is unusable afterwards. */
  destroy(): void {
    this.failure ??= new GpuEngineError('the WebGPU engine was destroyed');
    for (const buffer of this.buffers.values()) buffer.destroy();
  }

  // Batched evaluation (copies > 1): each copy takes its own input, goes back
  // to a held state on its own, and has its spike counts read without frames
  // (src/sim/gpu/batch.ts builds on these).

  /** Where holdResetState put each per-copy array (neuron fields, ring) in the 'reset_state' buffer, words from 0. */
  private resetSpans: { name: string; at: number }[] | undefined;

  private checkCopy(copy: number, at: string): void {
    if (!Number.isInteger(copy) || copy < 0 || copy >= this.copies) throw new RangeError(`${at}: copy must be a whole number in 0..${this.copies - 1}, got ${copy}`);
  }

  /** Sets `population`'s source rates in one copy, Hz (setInputRates sets every copy). */
  setCopyInputRates(copy: number, population: number, rates: Float32Array | number): void {
    this.usable('setCopyInputRates');
    this.checkCopy(copy, 'setCopyInputRates');
    const layout = checkInputRates(this.connectome, population, rates);
    this.writeRates(copy, layout.start, layout.capacity, rates);
  }

  /** Keeps `snapshot`'s per-copy state (neuron fields, delay ring) on the device for resetCopies; throws, holding nothing new, when it does not fit. */
  holdResetState(snapshot: EngineSnapshot): void {
    this.usable('holdResetState');
    const problems = snapshotMismatches(this.template, snapshot);
    if (problems.length) throw new Error(`holdResetState: the snapshot does not fit this network: ${problems.join('; ')}`);
    const names = Object.keys(this.template).filter((name) => this.map[name].buffer === 'neurons' || this.map[name].buffer === 'ring');
    const spans: { name: string; at: number }[] = [];
    let words = 0;
    for (const name of names) {
      spans.push({ name, at: words });
      words += this.map[name].length;
    }
    this.buffers.get('reset_state')?.destroy();
    const buffer = this.device.createBuffer({ label: 'reset_state', size: Math.max(1, words) * 4, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    this.buffers.set('reset_state', buffer);
    for (const { name, at } of spans) {
      const data = toWords(snapshot.arrays[name]);
      if (data.length > 0) this.device.queue.writeBuffer(buffer, at * 4, data.buffer, data.byteOffset, data.byteLength);
    }
    this.resetSpans = spans;
  }

  /** Puts `copies` back to the held state and zeroes their spike counts, before the next step; the other copies run on untouched. */
  resetCopies(copies: Iterable<number>): void {
    this.usable('resetCopies');
    const spans = this.resetSpans;
    if (!spans) throw new Error('resetCopies: no state is held; call holdResetState first');
    const n = this.connectome.neuronCount;
    const held = this.buffers.get('reset_state')!;
    const neurons = this.buffers.get('neurons')!;
    const counts = neuronFieldIndex('spike_count') * n * this.copies;
    const encoder = this.device.createCommandEncoder({ label: 'reset copies' });
    for (const copy of copies) {
      this.checkCopy(copy, 'resetCopies');
      for (const { name, at } of spans) {
        const location = this.map[name];
        if (location.length === 0) continue;
        // As writeState: a neuron field's copies are neuron_count apart, the ring's a whole ring apart.
        const perCopy = location.buffer === 'neurons' ? n : location.length;
        encoder.copyBufferToBuffer(held, at * 4, this.buffers.get(location.buffer)!, (location.offset + copy * perCopy) * 4, location.length * 4);
      }
      encoder.clearBuffer(neurons, (counts + copy * n) * 4, n * 4);
    }
    this.device.queue.submit([encoder.finish()]);
  }

  /** Zeroes every copy's spike counts (neuron field spike_count) before the next step. */
  clearSpikeCounts(): void {
    this.usable('clearSpikeCounts');
    const stride = this.connectome.neuronCount * this.copies;
    const encoder = this.device.createCommandEncoder({ label: 'clear spike counts' });
    encoder.clearBuffer(this.buffers.get('neurons')!, neuronFieldIndex('spike_count') * stride * 4, stride * 4);
    this.device.queue.submit([encoder.finish()]);
  }

  /**
   * Spikes of neurons start .. start + size - 1 in every copy since its
   * counts were last zeroed, copy-major (copy c's at c x size). The copy out
   * is recorded at the call, after everything submitted so far: steps
   * submitted while the promise is pending are not counted.
   */
  async readSpikeCounts(start: number, size: number): Promise<Uint32Array> {
    this.usable('readSpikeCounts');
    const n = this.connectome.neuronCount;
    if (!Number.isInteger(start) || !Number.isInteger(size) || start < 0 || size < 0 || start + size > n)
      throw new RangeError(`readSpikeCounts: neurons ${start}..${start + size - 1} are not all in 0..${n - 1}`);
    const field = neuronFieldIndex('spike_count') * n * this.copies;
    const spans = Array.from({ length: this.copies }, (_, copy) => ({ buffer: 'neurons', offset: field + copy * n + start, length: size }));
    // The copy is encoded and submitted before the first await, so at the call.
    const parts = await this.download(spans);
    const counts = new Uint32Array(this.copies * size);
    parts.forEach((part, copy) => counts.set(part, copy * size));
    return counts;
  }
}

/** Writes a CPU state array to its place; neuron fields and the ring go to every copy. */
function writeState(device: GPUDevice, buffers: GpuBuffers, location: { buffer: string; offset: number; length: number }, array: StateArray, copies: number, n: number): void {
  if (array.length === 0) return;
  const words = toWords(array);
  const perCopy = location.buffer === 'neurons' ? n : location.buffer === 'ring' ? array.length : 0;
  const buffer = buffers.get(location.buffer)!;
  for (let copy = 0; copy < (perCopy > 0 ? copies : 1); copy++) {
    device.queue.writeBuffer(buffer, (location.offset + copy * perCopy) * 4, words.buffer, words.byteOffset, words.byteLength);
  }
}

/** The raster chunks as (step, neuron) lists, steps ascending, neurons ascending within a step. */
function decodeRaster(chunks: readonly RasterChunk[], words: number, n: number): { spikeStep: Uint32Array; spikeNeuron: Uint32Array } {
  let count = 0;
  for (const c of chunks) for (let k = 0; k < c.words.length; k++) count += popcount(c.words[k]);
  const spikeStep = new Uint32Array(count);
  const spikeNeuron = new Uint32Array(count);
  let at = 0;
  for (const c of chunks) {
    for (let row = 0; row < c.steps; row++) {
      for (let w = 0; w < words; w++) {
        let bits = c.words[row * words + w];
        while (bits !== 0) {
          const b = 31 - Math.clz32(bits & -bits);
          const i = w * 32 + b;
          if (i < n) {
            spikeStep[at] = c.firstStep + row;
            spikeNeuron[at] = i;
            at++;
          }
          bits &= bits - 1;
        }
      }
    }
  }
  return { spikeStep: spikeStep.subarray(0, at), spikeNeuron: spikeNeuron.subarray(0, at) };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Event samples (kind, pre, post triples) joined, at most EVENT_SAMPLE_SIZE events. */
function mergeSamples(samples: readonly Uint32Array[]): Uint32Array {
  const joined = new Uint32Array(samples.reduce((sum, s) => sum + s.length, 0));
  let at = 0;
  for (const s of samples) {
    joined.set(s, at);
    at += s.length;
  }
  return joined.subarray(0, 3 * EVENT_SAMPLE_SIZE);
}

