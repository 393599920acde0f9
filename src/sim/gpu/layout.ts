/**
 * The WebGPU engine's data layout, declared once: the structs the kernels
 * read (Meta, Tick, Population, Projection), the packed neuron fields, and
 * each shader's bindings. The WGSL declarations are generated from these
 * tables and prepended to every shader (shaders.ts), and the TypeScript side
 * packs structs and builds bind group layouts from the same tables, so a
 * layout change cannot drift between the two.
 */
import { PROBE_CAPACITY } from '../engine';

export type Scalar = 'u32' | 'i32' | 'f32';

/** A struct of 4-byte scalars: WGSL size and alignment are then 4 x fields, with no padding. */
export interface StructDecl {
  name: string;
  fields: readonly (readonly [string, Scalar])[];
}

export const META: StructDecl = {
  name: 'Meta',
  fields: [
    ['neuron_count', 'u32'],
    /** Independent copies of the neuron state (batched evaluation); 1 for an Engine. */
    ['copies', 'u32'],
    /** neuron_count x copies: the distance between two fields of the packed neuron state. */
    ['field_stride', 'u32'],
    ['ring_length', 'u32'],
    ['population_count', 'u32'],
    ['projection_count', 'u32'],
    ['seed', 'u32'],
    /** u32 words per step of the raster bitset (copy 0): ceil(neuron_count / 32). */
    ['raster_words', 'u32'],
    /** Steps the raster ring holds. */
    ['raster_steps', 'u32'],
    /** 1 when spikes are recorded for frames. */
    ['record', 'u32'],
    /** Length of the eligibility array (0 when no projection is modulated). */
    ['eligibility_length', 'u32'],
    /** Where the globals buffer holds each population's negative drive and the structural totals (GLOBALS). */
    ['drive_offset', 'u32'],
    /** Workgroups that share out a step's spikes (propagate, record, plasticity): dispatch exactly this many. */
    ['spike_groups', 'u32'],
    ['totals_offset', 'u32'],
    /** Global index of the neuron whose v record writes into the probe ring (cpu/probe.ts), or NO_PROBE; rewritten by setProbe. */
    ['probe_neuron', 'u32'],
  ],
};

/** Meta.probe_neuron when no neuron is probed. */
export const NO_PROBE = 0xffffffff;

/** Byte offset of field `name` in a struct of `decl` (every field is 4 bytes), for writing one field of a uniform. */
export function fieldOffset(decl: StructDecl, name: string): number {
  const index = decl.fields.findIndex(([field]) => field === name);
  if (index < 0) throw new Error(`${decl.name} has no field ${name}`);
  return index * 4;
}

/** One per step of a submission, at a 256-byte stride (each step slot binds its own slice). */
export const TICK: StructDecl = {
  name: 'Tick',
  fields: [
    /** Absolute step number t. */
    ['step', 'u32'],
    /** Row of the raster ring this step writes: t % raster_steps. */
    ['raster_row', 'u32'],
  ],
};

/** Uniform binding offsets must be multiples of minUniformBufferOffsetAlignment (256 on every adapter). */
export const TICK_STRIDE = 256;

export const PopulationKind = { lif: 0, izhikevich: 1, spike_source: 2 } as const;

/** Bits of Population.flags. */
export const PopulationFlag = { conductance: 1, adaptive: 2, regular: 4 } as const;

export const POPULATION: StructDecl = {
  name: 'Population',
  fields: [
    ['kind', 'u32'],
    ['flags', 'u32'],
    ['start', 'u32'],
    ['end', 'u32'],
    ['alpha_m', 'f32'],
    ['dt_over_tau_m', 'f32'],
    ['alpha_e', 'f32'],
    ['alpha_i', 'f32'],
    /** v_rest + i_bias. */
    ['v_drive', 'f32'],
    ['v_reset', 'f32'],
    ['v_thresh', 'f32'],
    ['e_exc', 'f32'],
    ['e_inh', 'f32'],
    ['ref_steps', 'u32'],
    ['a', 'f32'],
    ['b', 'f32'],
    ['c', 'f32'],
    ['d', 'f32'],
    ['i_bias', 'f32'],
    ['dt_ms', 'f32'],
    ['dt_s', 'f32'],
    /** TraceMode: 0 none, 1 add, 2 set. */
    ['trace_mode', 'u32'],
    /** exp(-dt / tau_trace). */
    ['trace_alpha', 'f32'],
    /** Adaptive threshold: exp(-dt / tau_theta) and the rise per spike. */
    ['theta_alpha', 'f32'],
    ['theta_plus', 'f32'],
  ],
};

export const PlasticRule = { none: 0, stdp: 1, diehl_cook: 2, vogels: 3 } as const;

export const PROJECTION: StructDecl = {
  name: 'Projection',
  fields: [
    ['source_population', 'u32'],
    ['target_population', 'u32'],
    ['channel', 'u32'],
    ['row_capacity', 'u32'],
    ['slot_start', 'u32'],
    ['row_start', 'u32'],
    ['source_start', 'u32'],
    ['source_count', 'u32'],
    ['target_start', 'u32'],
    ['target_count', 'u32'],
    /** PlasticRule. */
    ['rule', 'u32'],
    ['multiplicative', 'u32'],
    ['modulated', 'u32'],
    ['modulator', 'u32'],
    ['alpha_eligibility', 'f32'],
    ['learning_rate_dt', 'f32'],
    ['w_min', 'f32'],
    ['w_max', 'f32'],
    ['a_plus', 'f32'],
    ['a_minus', 'f32'],
    ['eta_post', 'f32'],
    ['x_tar', 'f32'],
    ['mu', 'f32'],
    ['eta', 'f32'],
    ['vogels_alpha', 'f32'],
    /** Reverse index: where column 0 and its count live in the reverse buffer (the counts follow every column), entries per column. */
    ['column_start', 'u32'],
    ['count_start', 'u32'],
    ['column_capacity', 'u32'],
    /** Normalisation: 1 when the projection has one; its total, period in steps (0: on request), bounds. */
    ['normalized', 'u32'],
    ['norm_total', 'f32'],
    ['norm_every', 'u32'],
    ['norm_w_min', 'f32'],
    ['norm_w_max', 'f32'],
  ],
};

/**
 * The packed neuron state: one u32 buffer, field f of copy c, neuron i at
 * f x field_stride + c x neuron_count + i; f32 fields are stored as their
 * bits (bitcast). The names are the CPU state's (cpu/state.ts), so snapshots
 * move between engines unchanged; spike_count is the GPU's own (batched
 * evaluation reads it).
 */
export const NEURON_FIELDS = [
  ['v', 'f32'],
  ['u', 'f32'],
  ['ge', 'f32'],
  ['gi', 'f32'],
  ['gE', 'f32'],
  ['gI', 'f32'],
  ['rate_hz', 'f32'],
  ['phase', 'f32'],
  ['trace', 'f32'],
  ['theta', 'f32'],
  ['refractory', 'i32'],
  ['alive', 'u32'],
  ['spike_count', 'u32'],
] as const satisfies readonly (readonly [string, Scalar])[];

export type NeuronField = (typeof NEURON_FIELDS)[number][0];

export function neuronFieldIndex(name: NeuronField): number {
  return NEURON_FIELDS.findIndex(([field]) => field === name);
}

/**
 * Small global state, one u32 buffer: modulator levels (f32 bits) from 0,
 * each population's negative drive (f32 bits) from Meta.drive_offset, the
 * structural totals (lo, hi words of grown, pruned, born) from
 * Meta.totals_offset.
 */

/**
 * Counters that accumulate between two frames (atomic u32): synaptic events
 * (lo, hi words with carry), then spikes per population (copy 0).
 */
export const COUNTERS = { eventsLo: 0, eventsHi: 1, populationSpikes: 2 } as const;

export type BindingKind = 'uniform' | 'storage' | 'read-only-storage';

export interface BindingDecl {
  /** The engine's buffer of this name is bound (see GpuBuffers in buffers.ts). */
  buffer: string;
  kind: BindingKind;
  /** WGSL type, e.g. array<atomic<i32>>. */
  type: string;
  /** Name in the shader; default the buffer's name. */
  as?: string;
  /** Bound at a different 256-byte slice per step slot of a submission (the Tick). */
  perStep?: boolean;
}

/**
 * Every shader starts with these: the network's constants, the step, and the
 * population and projection tables as uniform arrays (sized per network, so
 * they cost no storage-buffer binding: adapters may allow as few as 8).
 */
export function commonBindings(populations: number, projections: number): BindingDecl[] {
  return [
    { buffer: 'meta', kind: 'uniform', type: 'Meta', as: 'net' },
    { buffer: 'tick', kind: 'uniform', type: 'Tick', perStep: true },
    { buffer: 'populations', kind: 'uniform', type: `array<Population, ${Math.max(1, populations)}>` },
    { buffer: 'projections', kind: 'uniform', type: `array<Projection, ${Math.max(1, projections)}>` },
  ];
}

/** Words of a struct as laid out: its fields padded to a multiple of 4 (16 bytes, the stride uniform arrays need). */
export function structWords(decl: StructDecl): number {
  return Math.ceil(decl.fields.length / 4) * 4;
}

/** A WGSL constant's name for a field: gE -> G_E, rate_hz -> RATE_HZ, eventsLo -> EVENTS_LO. */
function constantName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

function wgslStruct(s: StructDecl): string {
  const padding = Array.from({ length: structWords(s) - s.fields.length }, (_, k) => `  _pad${k}: u32,`);
  return `struct ${s.name} {\n${[...s.fields.map(([name, type]) => `  ${name}: ${type},`), ...padding].join('\n')}\n}\n`;
}

/** WGSL for the shared structs and the neuron field indices. */
export function wgslDeclarations(): string {
  const fields = NEURON_FIELDS.map(([name], index) => `const F_${constantName(name)}: u32 = ${index}u;`).join('\n');
  const kinds = Object.entries(PopulationKind).map(([k, v]) => `const KIND_${k.toUpperCase()}: u32 = ${v}u;`).join('\n');
  const flags = Object.entries(PopulationFlag).map(([k, v]) => `const FLAG_${k.toUpperCase()}: u32 = ${v}u;`).join('\n');
  const rules = Object.entries(PlasticRule).map(([k, v]) => `const RULE_${k.toUpperCase()}: u32 = ${v}u;`).join('\n');
  const counters = Object.entries(COUNTERS).map(([k, v]) => `const COUNTER_${constantName(k)}: u32 = ${v}u;`).join('\n');
  const probe = `const PROBE_CAPACITY: u32 = ${PROBE_CAPACITY}u;\nconst NO_PROBE: u32 = ${NO_PROBE}u;`;
  return [META, TICK, POPULATION, PROJECTION].map(wgslStruct).join('\n') + `\n${fields}\n${kinds}\n${flags}\n${rules}\n${counters}\n${probe}\n`;
}

function addressSpace(kind: BindingKind): string {
  switch (kind) {
    case 'uniform':
      return 'uniform';
    case 'storage':
      return 'storage, read_write';
    case 'read-only-storage':
      return 'storage, read';
  }
}

/** WGSL declarations of a shader's bindings, group 0, in order. */
export function wgslBindings(bindings: readonly BindingDecl[]): string {
  return bindings.map((b, i) => `@group(0) @binding(${i}) var<${addressSpace(b.kind)}> ${b.as ?? b.buffer}: ${b.type};`).join('\n') + '\n';
}

/** Packs structs of 4-byte scalars into words, in declaration order, each padded as wgslStruct pads it. */
export function packStructs(decl: StructDecl, values: readonly Record<string, number>[]): ArrayBuffer {
  const words = structWords(decl);
  const buffer = new ArrayBuffer(Math.max(1, values.length) * words * 4);
  const view = new DataView(buffer);
  values.forEach((value, k) => {
    decl.fields.forEach(([name, type], f) => {
      const x = value[name];
      if (x === undefined) throw new Error(`${decl.name}.${name}: no value given`);
      const at = (k * words + f) * 4;
      if (type === 'f32') view.setFloat32(at, x, true);
      else if (type === 'i32') view.setInt32(at, x, true);
      else view.setUint32(at, x >>> 0, true);
    });
    for (const key of Object.keys(value)) if (!decl.fields.some(([name]) => name === key)) throw new Error(`${decl.name}: unknown field ${key}`);
  });
  return buffer;
}
