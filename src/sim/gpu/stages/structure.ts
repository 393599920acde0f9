/**
 * Stage `structure` on the GPU (shaders/structure*.wgsl): pruning, growth,
 * negative drive, births and newborn wiring, as cpu/structure.ts makes them,
 * by one invocation that walks the CPU's loops with the CPU's draws. Each of
 * its three edit entry points is compiled only where the network has its
 * kind of work and dispatched only after the steps that have it: `periodic`
 * when a structural projection's period ends, `drive` every step where a
 * population keeps a negative drive, `births` when a birth by rate is due.
 * The edits bind the connectome's arrays and the stage's buffer, no more
 * (8 storage buffers, WebGPU's default limit); a second kernel brings the
 * totals from the globals buffer before them and updates the negative
 * drives, and takes the totals back after them, where the engine's frames
 * read them. The reservoir sample of each frame's events alternates between
 * two halves of the stage's buffer, so a frame reads one while the steps
 * after it fill the other.
 */
import { SOURCE_CANDIDATES } from '../../cpu/structure-context';
import { EVENT_SAMPLE_SIZE, TOTALS_LENGTH } from '../../cpu/structure-events';
import { ro, rw, type KernelDecl } from '../kernels';
import { packStructs, type BindingDecl } from '../layout';
import { dispatch } from '../pipeline';
import type { GpuStage, StageContext } from '../stage';
import type { ReadbackSpan } from '../stages';
import { SAMPLE_HEADER_WORDS, SAMPLE_WORDS, STRUCTURE_META, STRUCTURE_POPULATION, STRUCTURE_PROJECTION, sampleStart } from './structure-layout';
import { structureTables } from './structure-tables';

export interface Structure {
  perStep: GpuStage[];
  frameReadback(): ReadbackSpan[];
  frameSample(words: Uint32Array | undefined): Uint32Array;
  /** Empties the sample being filled: a restored state starts a new frame. */
  restart(): void;
}

// The stage's uniform tables that both its kernels read.
const META_BINDING: BindingDecl = { buffer: 'structure_meta', kind: 'uniform', type: 'StructureMeta' };
const populationBinding = (populations: number): BindingDecl => ({ buffer: 'structure_populations', kind: 'uniform', type: `array<StructurePopulation, ${Math.max(1, populations)}>` });

/** The stage's edits for a network of `projections` and `populations`: the engine's state they edit, the stage's own buffer and tables. */
export function structureKernel(projections: number, populations: number, entryPoints: readonly string[]): KernelDecl {
  return {
    file: 'structure-edits',
    includes: ['doubles', 'structure'],
    bindings: [
      rw('neurons', 'array<u32>'),
      { ...rw('target', 'array<u32>'), as: 'post_of' },
      rw('weight', 'array<f32>'),
      rw('delay', 'array<u32>'),
      rw('row_end', 'array<u32>'),
      rw('eligibility', 'array<u32>'),
      rw('reverse', 'array<u32>'),
      rw('structure', 'array<u32>'),
      META_BINDING,
      { buffer: 'structure_projections', kind: 'uniform', type: `array<StructureProjection, ${Math.max(1, projections)}>` },
      populationBinding(populations),
    ],
    entryPoints,
  };
}

/** The stage's exchange with the globals buffer around the edits: totals in (`enter`, which also updates the negative drives) and out (`leave`). */
export function structureGlobalsKernel(populations: number): KernelDecl {
  return {
    file: 'structure-globals',
    includes: ['doubles', 'structure'],
    bindings: [ro('neurons', 'array<u32>'), ro('spikes', 'array<u32>'), rw('globals', 'array<u32>'), rw('structure', 'array<u32>'), META_BINDING, populationBinding(populations)],
    entryPoints: ['enter', 'leave'],
  };
}

const NOTHING: Structure = { perStep: [], frameReadback: () => [], frameSample: () => new Uint32Array(0), restart() {} };

export async function structureStage(ctx: StageContext): Promise<Structure> {
  const constants = ctx.learning.structure;
  if (!constants.active) return NOTHING;
  if (ctx.copies > 1)
    throw new Error(`WebGPU engine: this network changes its connectome while it runs (stage structure), which ${ctx.copies} copies sharing one connectome cannot do; use copies = 1`);
  const { connectome, device } = ctx;
  const n = connectome.neuronCount;

  const totalsStart = sampleStart(2);
  const crossedStart = totalsStart + TOTALS_LENGTH;
  const listStart = crossedStart + connectome.populations.length;
  const chosenStart = listStart + constants.maxCapacity;
  const tableStart = chosenStart + constants.maxCapacity;
  const { projections, populations, tables, births } = structureTables(connectome, constants, tableStart);
  const initialVStart = tableStart + tables.length;
  const words = initialVStart + (births.some(Boolean) ? n : 0);
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  if (words * 4 > limit) throw new RangeError(`WebGPU engine: stage structure needs ${(words * 4) / 2 ** 20} MiB of lists and tables; the device binds at most ${limit / 2 ** 20} MiB per array`);

  const buffer = ctx.createBuffer('structure', words);
  const write = (at: number, data: Uint32Array | Float32Array) => {
    if (data.length > 0) device.queue.writeBuffer(buffer, at * 4, data.buffer, data.byteOffset, data.byteLength);
  };
  write(tableStart, Uint32Array.from(tables));
  if (words > initialVStart) write(initialVStart, connectome.initialV);
  const uniform = GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;
  const upload = (name: string, data: ArrayBuffer) => device.queue.writeBuffer(ctx.createBuffer(name, data.byteLength / 4, uniform), 0, data);
  const meta = {
    aversion: constants.aversion,
    sample_size: EVENT_SAMPLE_SIZE,
    source_candidates: SOURCE_CANDIDATES,
    list_start: listStart,
    chosen_start: chosenStart,
    initial_v_start: initialVStart,
    totals_start: totalsStart,
    crossed_start: crossedStart,
  };
  upload('structure_meta', packStructs(STRUCTURE_META, [meta]));
  upload('structure_projections', packStructs(STRUCTURE_PROJECTION, projections));
  upload('structure_populations', packStructs(STRUCTURE_POPULATION, populations));

  const periods = constants.structural.map((c) => c.everySteps);
  const drives = constants.drives.length > 0;
  const rates = constants.birthRates.map((c) => c.birthsPerStep);
  const entryPoints = [...(periods.length > 0 ? ['periodic'] : []), ...(drives ? ['drive'] : []), ...(rates.length > 0 ? ['births'] : [])];
  const kernel = await ctx.compile('structure', structureKernel(projections.length, populations.length, entryPoints));
  const exchange = await ctx.compile('structure_globals', structureGlobalsKernel(populations.length));

  let half = 0;
  const clearHalf = () => device.queue.writeBuffer(buffer, sampleStart(half) * 4, new Uint32Array(SAMPLE_HEADER_WORDS));

  return {
    perStep: [
      {
        encode(pass, k, step) {
          const periodDue = periods.some((every) => (step + 1) % every === 0);
          // neurogenesis.ts: floor((t + 1) rate dt) births by the end of step t.
          const birthDue = rates.some((r) => Math.floor((step + 1) * r) > Math.floor(step * r));
          if (!periodDue && !drives && !birthDue) return;
          // In the CPU's order, between the totals' coming and going; each entry point finds its due projections or births itself.
          dispatch(pass, exchange, 'enter', k, 1);
          if (periodDue) dispatch(pass, kernel, 'periodic', k, 1);
          if (drives) dispatch(pass, kernel, 'drive', k, 1);
          if (birthDue) dispatch(pass, kernel, 'births', k, 1);
          dispatch(pass, exchange, 'leave', k, 1);
        },
      },
    ],
    frameReadback() {
      const span: ReadbackSpan = { buffer: 'structure', offset: sampleStart(half), length: SAMPLE_WORDS };
      // Queued after the steps submitted so far and before the frame's copy: those steps filled this half, the next ones fill the other, emptied.
      half = 1 - half;
      device.queue.writeBuffer(buffer, 0, Uint32Array.of(half));
      clearHalf();
      return [span];
    },
    frameSample(sample) {
      if (!sample) return new Uint32Array(0);
      return sample.slice(SAMPLE_HEADER_WORDS, SAMPLE_HEADER_WORDS + 3 * sample[1]);
    },
    restart: clearHalf,
  };
}
