/**
 * Stage `structure` on the GPU (shaders/structure*.wgsl) against the CPU
 * reference. The kernels walk the CPU's loops in the CPU's order with the
 * CPU's Philox draws, and compute in doubles where the CPU does (exactly, on
 * u32 words), so the connectome comes out identical slot for slot: rows,
 * rowEnd, weights, delays, the reverse index, alive flags, negative drives,
 * the totals, and each frame's counts and reservoir sample. Neuron state is
 * held to the agreement suite's tolerance (integrate rounds differently).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delayToSteps, GENOME_FORMAT, GENOME_VERSION, parseGenome, type GenomeInput } from '@/model';
import { buildConnectome, type Connectome, type EngineSnapshot, type Frame } from '@/sim';
import { uniformIndex, drawFromWords } from '@/sim/build/distributions';
import { CpuEngine, EVENT_SAMPLE_SIZE } from '@/sim/cpu';
import { StructuralEventKind } from '@/sim/engine';
import type { GpuEngine } from '@/sim/gpu/engine';
import { kernelBindings, kernelSource } from '@/sim/gpu/kernels';
import { structWords, type StructDecl } from '@/sim/gpu/layout';
import { structureKernel } from '@/sim/gpu/stages/structure';
import { DrawKind, GapMode, STRUCTURE_META, STRUCTURE_POPULATION, STRUCTURE_PROJECTION, WiringKind } from '@/sim/gpu/stages/structure-layout';
import { delayRises, doubleWords, gapThresholds } from '@/sim/gpu/stages/structure-tables';
import { philox4x32, Stream, toUniformOpenZero } from '@/sim/rng';
import { connectomeViolations } from '../cpu/connectome-invariants';
import { livingNetwork } from '../cpu/living-network';
import { pruningConnectome, PULL } from '../cpu/pruning-network';
import { device, enginePair, gpuEngine, maxRelativeError, sources } from './harness';

const shader = readFileSync(join(__dirname, '../../../shaders/structure.wgsl'), 'utf8');

/** The WGSL struct wgslStruct (layout.ts) would generate for `decl`: fields, then u32 padding to 16 bytes. */
function expectedStruct(decl: StructDecl): string {
  const padding = Array.from({ length: structWords(decl) - decl.fields.length }, (_, k) => `  _pad${k}: u32,`);
  return `struct ${decl.name} {\n${[...decl.fields.map(([name, type]) => `  ${name}: ${type},`), ...padding].join('\n')}\n}`;
}

/** A u32 constant declared in the shaders. */
function wgslConstant(text: string, name: string): number {
  const match = new RegExp(`const ${name}: u32 = (\\d+)u;`).exec(text);
  if (!match) throw new Error(`no constant ${name}`);
  return Number(match[1]);
}

/** Random words from Philox under a test's own key: reproducible. */
function words(seed: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  const block = new Uint32Array(4);
  for (let k = 0; k < count; k += 4) out.set(philox4x32(k, 0, 0, 0, seed, 99, block).subarray(0, Math.min(4, count - k)), k);
  return out;
}

describe('stage structure: declarations and tables', () => {
  it.each([STRUCTURE_META, STRUCTURE_PROJECTION, STRUCTURE_POPULATION])('shaders/structure.wgsl declares $name field for field as structure-layout.ts, padded as packStructs packs it', (decl) => {
    expect(shader).toContain(expectedStruct(decl));
  });

  it('spells the streams, event kinds, draw kinds, wiring kinds and gap modes as the TypeScript side numbers them', () => {
    const common = readFileSync(join(__dirname, '../../../shaders/common.wgsl'), 'utf8');
    const pairs: [string, number][] = [
      ['STREAM_CONNECT', Stream.connect],
      ['STREAM_SYNAPSE', Stream.synapse],
      ['STREAM_INIT', Stream.init],
      ['EVENT_GROWN', StructuralEventKind.grown],
      ['EVENT_PRUNED', StructuralEventKind.pruned],
      ['EVENT_BORN', StructuralEventKind.born],
      ['DRAW_UNIFORM', DrawKind.uniform],
      ['WIRING_PROBABILITY', WiringKind.probability],
      ['WIRING_FIXED_INDEGREE', WiringKind.fixed_indegree],
      ['WIRING_ONE_TO_ONE', WiringKind.one_to_one],
      ['WIRING_TOPOGRAPHIC', WiringKind.topographic],
      ['GAP_NONE', GapMode.none],
      ['GAP_ALL', GapMode.all],
    ];
    for (const [name, value] of pairs) expect(wgslConstant(shader, name), name).toBe(value);
    expect(wgslConstant(common, 'STREAM_STRUCTURE')).toBe(Stream.structure);
  });

  // A uniform delay of 0.1-3 ms at dt 0.1 ms is 1 to 30 steps: 29 rises.
  it('tables a uniform delay (0.1-3 ms at 0.1 ms: 29 rises) so that steps = base + rises <= word >> 8, for 4,000 random words and both sides of every rise', () => {
    const d = { kind: 'uniform', min: 0.1, max: 3 } as const;
    const { base, rises } = delayRises(d, 0.1);
    expect([base, rises.length]).toEqual([1, 29]);
    const steps = (m: number) => base + rises.filter((r) => r <= m).length;
    const probes = [...Array.from(words(1, 4000), (w) => w >>> 8), ...rises.flatMap((r) => [r - 1, r]), 0, (1 << 24) - 1];
    for (const m of probes) expect(steps(m), `m = ${m}`).toBe(delayToSteps(drawFromWords(d, m * 256, 0), 0.1));
  });

  // G(0) = ln(2^-24) / ln(1 - p): 46.6 at p = 0.3, so the table stops at 46; 323.4 at p = 0.05, capped by n = 60.
  it.each([
    [0.3, 46],
    [0.05, 60],
  ])('tables the geometric gap at p = %f (%i entries for n = 60): floor(ln u / ln(1 - p)) is the count of entries above word >> 8', (p, length) => {
    const table = gapThresholds(p, 60);
    expect(table.length).toBe(length);
    const logMiss = Math.log1p(-p);
    const probes = [...Array.from(words(2, 4000), (w) => w >>> 8), ...table.flatMap((m) => [m - 1, m]), 0, (1 << 24) - 1];
    for (const m of probes) {
      const gap = Math.log(toUniformOpenZero(m * 256)) / logMiss;
      const above = table.filter((t) => m < t).length;
      // The CPU floors with `gap | 0`.
      expect(above, `m = ${m}`).toBe(Math.min(gap | 0, table.length));
      expect(above >= 60, `m = ${m}`).toBe(gap >= 60);
    }
  });
});

/** Runs `code`'s entry point `probe` over `cases` cases of 16 input words; returns 8 output words per case. */
async function probe(code: string, inputs: Uint32Array, cases: number): Promise<Uint32Array> {
  const gpu = device!;
  const decl = structureKernel(1, 1, []);
  const source = kernelSource(decl, sources, 1, 1) + code;
  const module = gpu.createShaderModule({ code: source });
  const pipeline = gpu.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'probe' } });
  const words = 1 + 24 * cases;
  const buffer = gpu.createBuffer({ size: words * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const staging = gpu.createBuffer({ size: words * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const data = new Uint32Array(words);
  data[0] = cases;
  data.set(inputs, 1);
  gpu.queue.writeBuffer(buffer, 0, data);
  const encoder = gpu.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  const binding = kernelBindings(decl, 1, 1).findIndex((b) => b.buffer === 'structure');
  pass.setBindGroup(0, gpu.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding, resource: { buffer } }] }));
  pass.dispatchWorkgroups(Math.ceil(cases / 64));
  pass.end();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, words * 4);
  gpu.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = new Uint32Array(staging.getMappedRange().slice(0)).subarray(1 + 16 * cases);
  staging.destroy();
  buffer.destroy();
  return out;
}

const F32_BITS = new Uint32Array(1);
const F32 = new Float32Array(F32_BITS.buffer);
const bitsOf = (x: number) => ((F32[0] = x), F32_BITS[0]);
const floatOf = (bits: number) => ((F32_BITS[0] = bits), F32[0]);

describe.skipIf(!device)('stage structure: double arithmetic in doubles.wgsl against JavaScript', () => {
  it('gives the bits JavaScript gives for 1,024 random cases of each formula the stage computes in doubles, and the crafted index that rounds up', async () => {
    const cases = 1024;
    const r = words(3, 16 * cases);
    const inputs = new Uint32Array(16 * cases);
    const maxima: number[] = [];
    for (let k = 0; k < cases; k++) {
      const w = r.subarray(16 * k, 16 * k + 16);
      // Drive D alpha + A spikes / alive: D of any f32 exponent (subnormals included), alpha near 1, A of either sign.
      const drive = ((w[3] % 150) << 23) | (w[4] & 0x7fffff);
      const alpha = Math.fround(1 - (w[5] >>> 8) / 2 ** 30);
      const level = Math.fround(((w[6] | 0) / 2 ** 31) * 10);
      const alive = 1 + (w[7] % (1 << 21));
      // A uniform weight in [min, min + range] from word w0; births floor(t rate dt) for t < 2^31; any finite f32 to compare D with.
      const min = (w[9] / 2 ** 32) * 5;
      maxima.push(min + (w[10] / 2 ** 32) * 3);
      const [minLo, minHi] = doubleWords(min);
      const [rangeLo, rangeHi] = doubleWords(maxima[k] - min);
      const [rateLo, rateHi] = doubleWords(w[11] / 2 ** 32);
      const other = (w[13] & 0x807fffff) | ((w[13] >>> 23) % 255 << 23);
      inputs.set([w[0], w[1], 1 + (w[2] % 5000), drive, bitsOf(alpha), bitsOf(level), w[8] % (alive + 1), alive, minLo, minHi, rangeLo, rangeHi, rateLo, rateHi, w[12] >>> 1, other], 16 * k);
    }
    // x = (2^54 - 1) / 3 has x 3 = 2^54 - 1, which rounds to 2^54 in doubles: the index is 2, not 1.
    const x = (2 ** 54 - 1) / 3;
    inputs.set([Math.floor(x / 2 ** 26) * 32, (x % 2 ** 26) * 64, 3], 0);
    expect(uniformIndex(inputs[0], inputs[1], 3)).toBe(2);
    // +0 against -0, and the smallest subnormal against +0.
    inputs.set([0, 0x80000000], 16 + 14);
    inputs[16 + 3] = 0;
    inputs.set([1, 0], 32 + 14);
    inputs[32 + 3] = 1;
    const double = (lo: number, hi: number) => new Float64Array(Uint32Array.of(lo, hi).buffer)[0];
    const expected = Array.from({ length: cases }, (_, k) => {
      const i = inputs.subarray(16 * k, 16 * k + 16);
      return [
        uniformIndex(i[0], i[1], i[2]),
        bitsOf(floatOf(i[3]) * floatOf(i[4]) + (floatOf(i[5]) * i[6]) / i[7]),
        bitsOf(Math.max(0, drawFromWords({ kind: 'uniform', min: double(i[8], i[9]), max: maxima[k] }, i[0], 0))),
        Math.floor(i[14] * double(i[12], i[13])),
        floatOf(i[3]) < floatOf(i[15]) ? 1 : 0,
      ];
    });
    const out = await probe(
      `
@compute @workgroup_size(64) fn probe(@builtin(global_invocation_id) id: vec3<u32>) {
  let count = structure[0];
  if (id.x >= count) {
    return;
  }
  let i = 1u + 16u * id.x;
  let o = 1u + 16u * count + 8u * id.x;
  structure[o] = uniform_index(structure[i], structure[i + 1u], structure[i + 2u]);
  let gain = f64_div_u32(f64_mul(f64_from_f32_bits(structure[i + 5u]), f64_from_u32(structure[i + 6u])), structure[i + 7u]);
  structure[o + 1u] = f64_to_f32_bits(f64_add(f64_mul(f64_from_f32_bits(structure[i + 3u]), f64_from_f32_bits(structure[i + 4u])), gain));
  structure[o + 2u] = bitcast<u32>(uniform_weight(f64_from_bits(structure[i + 8u], structure[i + 9u]), f64_from_bits(structure[i + 10u], structure[i + 11u]), structure[i]));
  structure[o + 3u] = f64_floor_u32(f64_mul(f64_from_u32(structure[i + 14u]), f64_from_bits(structure[i + 12u], structure[i + 13u])));
  structure[o + 4u] = select(0u, 1u, f32_bits_less(structure[i + 3u], structure[i + 15u]));
}
`,
      inputs,
      cases,
    );
    const mismatches: string[] = [];
    const names = ['uniform_index', 'drive', 'uniform weight', 'births floor', 'f32 less'];
    for (let k = 0; k < cases; k++) for (let f = 0; f < 5; f++) if (out[8 * k + f] !== expected[k][f] >>> 0) mismatches.push(`case ${k} ${names[f]}: ${out[8 * k + f]} vs ${expected[k][f]}`);
    expect(mismatches).toEqual([]);
  });
});

/** The arrays stage structure writes, compared exactly. */
const STRUCTURAL = ['target', 'weight', 'delaySteps', 'rowEnd', 'reverseSlot', 'reverseCount', 'alive', 'negativeDrive', 'structureTotals'];

function expectSameConnectome(gpu: EngineSnapshot, cpu: EngineSnapshot): void {
  for (const name of STRUCTURAL) expect(Array.from(gpu.arrays[name]), name).toEqual(Array.from(cpu.arrays[name]));
}

/** The invariants of connectome-invariants.ts on the GPU's state, through a CPU engine that holds it. */
async function violations(connectome: Connectome, snapshot: EngineSnapshot): Promise<string[]> {
  const holder = new CpuEngine(connectome, { recordSpikes: false });
  await holder.restore(snapshot);
  return connectomeViolations(holder);
}

/** Both engines through frames ending at each of `frameEnds`; `before(engine, step)` runs at each frame's start. */
async function framesOf(pair: { cpu: CpuEngine; gpu: GpuEngine }, frameEnds: readonly number[], before?: (engine: CpuEngine | GpuEngine, step: number) => void): Promise<[Frame[], Frame[]]> {
  const cpuFrames: Frame[] = [];
  const gpuFrames: Frame[] = [];
  for (const end of frameEnds) {
    for (const engine of [pair.cpu, pair.gpu]) {
      before?.(engine, engine.stepCount);
      engine.step(end - engine.stepCount);
    }
    cpuFrames.push(pair.cpu.takeFrame());
    gpuFrames.push(await pair.gpu.readFrame());
  }
  return [cpuFrames, gpuFrames];
}

const eventsOf = (f: Frame) => ({ grown: f.structure.grown, pruned: f.structure.pruned, born: f.structure.born, sample: Array.from(f.structure.sample) });

type PopulationInput = GenomeInput['populations'][number];
type ProjectionInput = NonNullable<GenomeInput['projections']>[number];

/**
 * Births by rate in three populations, each newborn wired by every rule:
 * regular sources "src" (14 places, 10 alive, 30 /s), LIF "A" on a 7 x 4
 * grid (28, 20, 50 /s) and Izhikevich "Z" (28, 14, 30 /s). src -> A draws
 * p = 0.3 (a newborn source's row by the builder's draw, a newborn target's
 * inputs by geometric skipping) and is plastic (reverse-index columns);
 * A -> A is topographic (radius 0.3, p 0.8, no autapses); A -> Z one to
 * one; Z -> A fixed in-degree 3; src -> Z all to all. Weights and delays
 * uniform. At dt 0.1 ms the first births are A[20] after step 199 and
 * src[10], Z[14] after step 333 (floor((t + 1) rate dt) by the end of step t).
 */
function nursery(): Connectome {
  const weight = { kind: 'uniform', min: 0.1, max: 1.3 } as const;
  const delay_ms = { kind: 'uniform', min: 0.1, max: 2.5 } as const;
  const populations: PopulationInput[] = [
    { name: 'src', size: 10, capacity: 14, sign: 'excitatory', neuron: { model: 'spike_source', process: 'regular', rate_hz: 40 }, neurogenesis: { rate_per_s: 30 } },
    { name: 'A', size: 20, capacity: 28, sign: 'excitatory', layout: { kind: 'grid', width: 7, height: 4 }, neuron: { model: 'lif', i_bias_mV: 12 }, neurogenesis: { rate_per_s: 50 } },
    { name: 'Z', size: 14, capacity: 28, sign: 'excitatory', neuron: { model: 'izhikevich' }, neurogenesis: { rate_per_s: 30 } },
  ];
  const projections: ProjectionInput[] = [
    { source: 'src', target: 'A', connectivity: { kind: 'probability', p: 0.3 }, weight, delay_ms, plasticity: { rule: 'stdp', w_max: 2 } },
    { source: 'A', target: 'A', connectivity: { kind: 'topographic', radius: 0.3, p: 0.8 }, weight, delay_ms },
    { source: 'A', target: 'Z', connectivity: { kind: 'one_to_one' }, weight: { kind: 'constant', value: 2 } },
    { source: 'Z', target: 'A', connectivity: { kind: 'fixed_indegree', k: 3 }, weight, delay_ms, row_capacity: 12 },
    { source: 'src', target: 'Z', connectivity: { kind: 'probability', p: 1 }, weight },
  ];
  return buildConnectome(parseGenome({ format: GENOME_FORMAT, version: GENOME_VERSION, seed: 4, dt_ms: 0.1, populations, projections }));
}

/** Synapses of projection p touching a neuron born during the run (alive at the end, not at the start). */
function newbornSynapses(connectome: Connectome, snapshot: EngineSnapshot, p: number): number {
  const layout = connectome.projections[p];
  const source = connectome.populations[layout.source];
  const target = connectome.populations[layout.target];
  const born = (i: number, population: typeof source) => i >= population.start + population.size;
  const targets = snapshot.arrays.target as Uint32Array;
  const rowEnd = snapshot.arrays.rowEnd as Uint32Array;
  let count = 0;
  for (let row = 0; row < source.capacity; row++) {
    const first = layout.slotStart + row * layout.rowCapacity;
    for (let s = first; s < first + rowEnd[layout.rowStart + row]; s++) if (targets[s] !== 0xffffffff && (born(source.start + row, source) || born(targets[s], target))) count++;
  }
  return count;
}

describe.skipIf(!device)('stage structure on the GPU against the CPU engine', () => {
  it('prunes a living network, grows it by trace and under negative drive, and gives birth, exactly as the CPU: 1,500 steps, one frame of more than 256 events', async () => {
    const connectome = livingNetwork(3);
    const pair = await enginePair(connectome);
    // Aversion 5 from the start drives E past its threshold again and again.
    const [cpuFrames, gpuFrames] = await framesOf(pair, [500, 1500], (engine, step) => {
      if (step === 0) engine.pulseModulator('aversion', 5);
    });
    expect(gpuFrames.map(eventsOf)).toEqual(cpuFrames.map(eventsOf));
    const totals = pair.cpu.structuralTotals();
    expect(await pair.gpu.structuralTotals()).toEqual(totals);
    // Each kind of event happened, and the second frame's sample is a reservoir of more events than it holds.
    expect(Math.min(totals.grown, totals.pruned, totals.born)).toBeGreaterThan(5);
    const second = cpuFrames[1].structure;
    expect(second.grown + second.pruned + second.born).toBeGreaterThan(EVENT_SAMPLE_SIZE);
    const [a, b] = [await pair.cpu.snapshot(), await pair.gpu.snapshot()];
    expectSameConnectome(b, a);
    expect(await violations(connectome, b)).toEqual([]);
    pair.gpu.destroy();
  });

  it('wires each newborn by every rule as the CPU does (probability both ways, topographic, one to one, fixed in-degree, all to all) over 2,000 steps, and starts it from its initial state', async () => {
    const connectome = nursery();
    const pair = await enginePair(connectome);
    // After step 333 (334 steps): src[10] (global 10) and Z[14] (global 56) are newborn, not yet integrated.
    const [cpuFirst, gpuFirst] = await framesOf(pair, [334]);
    expect(gpuFirst.map(eventsOf)).toEqual(cpuFirst.map(eventsOf));
    const [a0, b0] = [await pair.cpu.snapshot(), await pair.gpu.snapshot()];
    for (const name of ['v', 'u', 'phase', 'trace', 'alive']) for (const i of [10, 56]) expect(b0.arrays[name][i], `${name}[${i}]`).toBe(a0.arrays[name][i]);
    expect([b0.arrays.alive[10], b0.arrays.alive[56], a0.arrays.u[56]]).toEqual([1, 1, Math.fround(Math.fround(0.2) * connectome.initialV[56])]);

    const [cpuFrames, gpuFrames] = await framesOf(pair, [1000, 2000]);
    expect(gpuFrames.map(eventsOf)).toEqual(cpuFrames.map(eventsOf));
    const [a, b] = [await pair.cpu.snapshot(), await pair.gpu.snapshot()];
    expectSameConnectome(b, a);
    // Births by rate, floor(2000 rate dt) up to each pool: src min(6, 4) + A min(10, 8) + Z min(6, 14).
    expect((await pair.gpu.structuralTotals()).born).toBe(18);
    for (let p = 0; p < connectome.projections.length; p++) expect(newbornSynapses(connectome, b, p), connectome.projections[p].name).toBeGreaterThan(0);
    expect(maxRelativeError(b.arrays.phase as Float32Array, a.arrays.phase as Float32Array)).toBeLessThan(1e-5);
    expect(await violations(connectome, b)).toEqual([]);
    pair.gpu.destroy();
  });

  /** The pruning network (../cpu/pruning-network.ts): every 100 steps the pull takes 0.02 off each weight. */
  it('pulls every weight by 0.02 (f32) each 100 steps and prunes exactly the two below 0.1 (0.05 and 0.08 after one pull), with their reverse-index entries', async () => {
    const connectome = pruningConnectome({ period_ms: 10, decay_per_s: 2, prune_below: 0.1 });
    const pair = await enginePair(connectome);
    const [cpuFrames, gpuFrames] = await framesOf(pair, [99, 100]);
    expect(gpuFrames.map(eventsOf)).toEqual(cpuFrames.map(eventsOf));
    // Sources 0-2, E 3-6: (pruned, 0, E0) and (pruned, 1, E3) at the end of step 99, nothing before.
    expect(gpuFrames.map((f) => eventsOf(f).sample)).toEqual([[], [StructuralEventKind.pruned, 0, 3, StructuralEventKind.pruned, 1, 6]]);
    const first = await pair.gpu.snapshot();
    // Row 0 keeps its end past the hole at slot 0, row 1 drops to 1; E0's column keeps row 1's slot, E3's empties.
    expect(Array.from(first.arrays.rowEnd)).toEqual([3, 1, 1]);
    expect(Array.from(first.arrays.reverseCount)).toEqual([1, 1, 2, 0]);
    expectSameConnectome(first, await pair.cpu.snapshot());
    // Two more pulls: 0.15 -> 0.09 goes too (row 0's tail, so rowEnd 2); 0.5 loses 0.02 three times.
    await framesOf(pair, [300]);
    const b = await pair.gpu.snapshot();
    expect(Array.from(b.arrays.rowEnd)).toEqual([2, 1, 1]);
    expect((b.arrays.weight as Float32Array)[1]).toBe(Math.fround(Math.fround(Math.fround(Math.fround(0.5) - PULL) - PULL) - PULL));
    expectSameConnectome(b, await pair.cpu.snapshot());
    pair.gpu.destroy();
  });

  /**
   * negative-drive.test.ts's volleys: ten LIF neurons "E" (bias 20 mV) fire
   * together, so each volley adds the aversion level 0.5 to the drive, which
   * decays with tau 100 ms between them; the third volley reaches the
   * threshold 1. Its growth draws uniform weights and delays for in -> E
   * (20 silent sources, no synapse at the start) and a neuron is born.
   */
  it('accumulates a negative drive bit for bit as the CPU, every 100 steps, and at its crossing grows 5 synapses with drawn weights and delays and gives birth', async () => {
    const connectome = buildConnectome(
      parseGenome({
        format: GENOME_FORMAT,
        version: GENOME_VERSION,
        seed: 2,
        dt_ms: 0.1,
        modulators: { aversion: { tau_ms: 1e5 } },
        populations: [
          { name: 'in', size: 20, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 0 } },
          {
            name: 'E',
            size: 10,
            capacity: 12,
            sign: 'excitatory',
            neuron: { model: 'lif', i_bias_mV: 20 },
            negative_drive: { threshold: 1, tau_ms: 100, grow: 5 },
            neurogenesis: { rate_per_s: 0, on_negative_drive: true },
          },
        ],
        projections: [
          { source: 'in', target: 'E', connectivity: { kind: 'probability', p: 0 }, weight: { kind: 'uniform', min: 0.2, max: 0.9 }, delay_ms: { kind: 'uniform', min: 0.1, max: 2 }, row_capacity: 5 },
        ],
      }),
    );
    const pair = await enginePair(connectome);
    const drives: number[][] = [];
    for (let end = 100; end <= 1000; end += 100) {
      const [cpuFrames, gpuFrames] = await framesOf(pair, [end], (engine, step) => {
        if (step === 0) engine.setModulator('aversion', 0.5);
      });
      expect(gpuFrames.map(eventsOf), `frame ending at ${end}`).toEqual(cpuFrames.map(eventsOf));
      const [a, b] = [await pair.cpu.snapshot(), await pair.gpu.snapshot()];
      expect(Array.from(b.arrays.negativeDrive), `drive after ${end} steps`).toEqual(Array.from(a.arrays.negativeDrive));
      drives.push(Array.from(a.arrays.negativeDrive));
    }
    // The drive rose above 0.5 (two volleys) before the crossing reset it.
    expect(Math.max(...drives.map((d) => d[1]))).toBeGreaterThan(0.5);
    expect(pair.cpu.structuralTotals()).toEqual({ grown: 5, pruned: 0, born: 1 });
    const [a, b] = [await pair.cpu.snapshot(), await pair.gpu.snapshot()];
    expectSameConnectome(b, a);
    expect(await violations(connectome, b)).toEqual([]);
    pair.gpu.destroy();
  });

  it('refuses, naming the field, a normal distribution it would draw for a grown synapse, and a structural network with copies > 1', async () => {
    const network = (weight: ProjectionInput['weight']) =>
      buildConnectome(
        parseGenome({
          format: GENOME_FORMAT,
          version: GENOME_VERSION,
          seed: 1,
          dt_ms: 0.1,
          populations: [
            { name: 'in', size: 5, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 10 } },
            { name: 'E', size: 5, capacity: 6, sign: 'excitatory', neuron: { model: 'lif' }, neurogenesis: { rate_per_s: 10 } },
          ],
          projections: [{ source: 'in', target: 'E', connectivity: { kind: 'probability', p: 0.5 }, weight }],
        }),
      );
    await expect(gpuEngine(network({ kind: 'normal', mean: 1, sd: 0.2, min: 0 }))).rejects.toThrow(/projections\[0\]\.weight is a normal distribution/);
    await expect(gpuEngine(network({ kind: 'constant', value: 1 }), { copies: 2 })).rejects.toThrow(/changes its connectome.*copies = 1/);
  });
});
