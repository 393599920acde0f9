/**
 * The state file: an experiment and the complete learned state of its run,
 * in one versioned file a person can keep. Inside a gzip member:
 *
 *   0    'NPLY'                   magic
 *   4    format, u32              STATE_FILE_FORMAT
 *   8    header length, u32       bytes of the JSON header, padded with spaces so the arrays start 8-aligned
 *   12   header, UTF-8 JSON       { experiment, meta, step, arrays: [{ name, type, length, offset }] }
 *   ...  the snapshot's arrays    little-endian, each at its offset (from the end of the header), 8-aligned
 *   -32  SHA-256                  of every byte before it
 *
 * Gzip: the state is mostly empty slots, zeroed rings and traces; level 1
 * shrank a preset's state 3 to 8 times when it was chosen (one measurement
 * by hand, after 100 ms: CUBA 6.6 MB to 0.80 MB, the playground 2.6 MB to
 * 0.33 MB, digits 1.6 MB to 0.51 MB); level 6 saved 4 % more of CUBA's in
 * 3.5 times the time.
 *
 * Decoding never throws, checks the checksum before it parses the header,
 * and checks that the arrays are exactly those the experiment's network owns.
 */
import { Gunzip, gzipSync } from 'fflate';
import { z } from 'zod';
import { estimateSize, formatPath, parseJsonBytes, summarizeErrors, unpackWithin, validateExperiment, type ValidatedExperiment } from '@/model';
import { buildConnectome, type BuildBudget } from './build';
import { learningConstants } from './cpu/learning-params';
import { populationConstants } from './cpu/params';
import { snapshotMismatches } from './cpu/snapshot';
import { createState, stateArrays } from './cpu/state';
import type { EngineSnapshot } from './engine';

export const STATE_FILE_FORMAT = 1;
/** The file name ending of a state file. */
export const STATE_FILE_EXTENSION = '.neuroplay';
/** Largest state file, and largest state inside it: a browser tab's network (BROWSER_BUDGET) needs about 400 MB. */
export const MAX_STATE_FILE_BYTES = 512 * 2 ** 20;
/** Largest JSON header: a valid experiment (genome and at most 32,768 drawn points) needs under 2 MB. */
export const MAX_STATE_HEADER_BYTES = 4 * 2 ** 20;

const MAGIC = [0x4e, 0x50, 0x4c, 0x59]; // 'NPLY'
const PREFIX_BYTES = 12;
const ALIGN_BYTES = 8;
const DIGEST_BYTES = 32;
const GZIP_MIN_BYTES = 18;

/** The file's name for each kind of state array. */
const ELEMENT_TYPES = { f32: Float32Array, i32: Int32Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array } as const;
type ElementType = keyof typeof ELEMENT_TYPES;
type StateArray = EngineSnapshot['arrays'][string];

/** What a person sees of a saved state before opening it. */
export interface StateFileMeta {
  /** When it was saved, ISO 8601. */
  savedAt: string;
  name: string;
}

export interface StateFile {
  experiment: ValidatedExperiment;
  snapshot: EngineSnapshot;
  meta: StateFileMeta;
}

export type DecodedStateFile = ({ ok: true } & StateFile) | { ok: false; message: string };

const HeaderSchema = z.strictObject({
  experiment: z.unknown(),
  meta: z.strictObject({ savedAt: z.string().max(64), name: z.string().max(200) }),
  step: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  arrays: z
    .array(
      z.strictObject({
        name: z.string().max(64),
        type: z.enum(Object.keys(ELEMENT_TYPES) as ElementType[]),
        length: z.int().min(0).max(MAX_STATE_FILE_BYTES),
        offset: z.int().min(0).max(MAX_STATE_FILE_BYTES),
      }),
    )
    .max(64),
});

/**
 * The file for a run: its experiment, a snapshot of its engine and what to
 * call it. Throws a RangeError when the state is over MAX_STATE_FILE_BYTES.
 */
export async function encodeStateFile({ experiment, snapshot, meta }: StateFile): Promise<Uint8Array> {
  const arrays: { name: string; type: ElementType; length: number; offset: number }[] = [];
  let arrayBytes = 0;
  for (const [name, array] of Object.entries(snapshot.arrays)) {
    arrayBytes = alignUp(arrayBytes);
    arrays.push({ name, type: elementType(array), length: array.length, offset: arrayBytes });
    arrayBytes += array.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify({ experiment: { genome: experiment.genome, bindings: experiment.bindings }, meta, step: snapshot.step, arrays }));
  const headerBytes = alignUp(PREFIX_BYTES + json.length) - PREFIX_BYTES;
  const total = PREFIX_BYTES + headerBytes + arrayBytes + DIGEST_BYTES;
  if (headerBytes > MAX_STATE_HEADER_BYTES) throw new RangeError(`state file: the experiment is ${mib(headerBytes)} as JSON, more than a file holds (${mib(MAX_STATE_HEADER_BYTES)})`);
  if (total > MAX_STATE_FILE_BYTES) throw new RangeError(`state file: the state is ${mib(total)}, more than a file holds (${mib(MAX_STATE_FILE_BYTES)})`);

  const file = new Uint8Array(total);
  const view = new DataView(file.buffer);
  file.set(MAGIC);
  view.setUint32(4, STATE_FILE_FORMAT, true);
  view.setUint32(8, headerBytes, true);
  file.set(json, PREFIX_BYTES);
  file.fill(0x20, PREFIX_BYTES + json.length, PREFIX_BYTES + headerBytes);
  const start = PREFIX_BYTES + headerBytes;
  for (const entry of arrays) {
    const array = snapshot.arrays[entry.name];
    // Typed arrays are in the platform's byte order: little-endian everywhere Neuroplay runs.
    file.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + entry.offset);
  }
  file.set(await sha256(file.subarray(0, total - DIGEST_BYTES)), total - DIGEST_BYTES);
  // mtime 0: the same state always gives the same bytes.
  return gzipSync(file, { level: 1, mtime: 0 });
}

/**
 * Reads a state file; never throws. The network is built (within `budget`)
 * only after the experiment is valid and the file's arrays have the neuron
 * and slot counts its genome implies, so a file cannot make this allocate
 * much more than it holds or than a link could.
 */
export async function decodeStateFile(bytes: Uint8Array, options: { budget?: BuildBudget } = {}): Promise<DecodedStateFile> {
  try {
    return await decode(bytes, options.budget ?? {});
  } catch (error) {
    // Every known failure is answered in decode; this is the guarantee for the unknown ones.
    return fail(`This file could not be read (${messageOf(error)}).`);
  }
}

const fail = (message: string): DecodedStateFile => ({ ok: false, message });

type Header = z.output<typeof HeaderSchema>;

async function decode(bytes: Uint8Array, budget: BuildBudget): Promise<DecodedStateFile> {
  const file = unpackFile(bytes);
  if (typeof file === 'string') return fail(file);
  const read = await readHeader(file);
  if (typeof read === 'string') return fail(read);
  const { header, section } = read;
  const result = validateExperiment(header.experiment);
  if (!result.ok) return fail(`This file's experiment is not valid:\n${summarizeErrors(result.errors)}`);
  const { experiment } = result;

  // What the genome implies, checked before anything is copied or built.
  const size = estimateSize(experiment.genome);
  const lengthOf = (name: string) => header.arrays.find((a) => a.name === name)?.length ?? 'no';
  if (lengthOf('v') !== size.neurons || lengthOf('target') !== size.synapseSlots)
    return fail(`This file's state does not fit its experiment: the genome has ${size.neurons} neurons and ${size.synapseSlots} synapse slots, the state ${lengthOf('v')} and ${lengthOf('target')}.`);
  const arrays = readArrays(header.arrays, section);
  if (typeof arrays === 'string') return fail(arrays);

  let own: Record<string, StateArray>;
  try {
    // No prototype, as for the file's arrays: "constructor" is not a name the engine owns.
    // The state as built, as the WebGPU engine makes its template: no engine (rows, recording, structure) is needed for the shapes.
    const connectome = buildConnectome(experiment.genome, budget);
    own = Object.assign(Object.create(null), stateArrays(createState(connectome, populationConstants(connectome), learningConstants(connectome))));
  } catch (error) {
    return fail(`The network of this file could not be built:\n${messageOf(error)}`);
  }
  const snapshot: EngineSnapshot = { format: 'neuroplay-state', version: 1, step: header.step, arrays };
  const problems = snapshotMismatches(own, snapshot);
  if (problems.length) return fail(`This file's state does not fit its experiment: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}.`);
  return { ok: true, experiment, snapshot, meta: header.meta };
}

/** The file inside the gzip member, or why not: sizes are checked before anything is allocated. */
function unpackFile(bytes: Uint8Array): Uint8Array<ArrayBuffer> | string {
  if (bytes.length > MAX_STATE_FILE_BYTES) return `This file is ${mib(bytes.length)}, more than a state file may be (${mib(MAX_STATE_FILE_BYTES)}).`;
  if (bytes.length < GZIP_MIN_BYTES || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return 'This is not a Neuroplay state file (it is not gzip-compressed).';
  // The gzip trailer ends with the unpacked size (mod 2^32, which the cap keeps exact).
  const claimed = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
  if (claimed > MAX_STATE_FILE_BYTES) return `This file unpacks to ${mib(claimed)}, more than a state file may hold (${mib(MAX_STATE_FILE_BYTES)}).`;
  let file: Uint8Array<ArrayBuffer> | null;
  try {
    file = unpackWithin(Gunzip, bytes, claimed, claimed);
  } catch (error) {
    return `This file is damaged: it does not unpack (${messageOf(error)}).`;
  }
  if (file === null || file.length !== claimed) return 'This file is damaged: it unpacks to a different size than it says.';
  if (file.length < PREFIX_BYTES + DIGEST_BYTES || MAGIC.some((b, i) => file[i] !== b)) return 'This is not a Neuroplay state file (it does not begin with NPLY).';
  return file;
}

/** The header and the bytes of the arrays, once the format, the header's length and the checksum are right; or why not. */
async function readHeader(file: Uint8Array<ArrayBuffer>): Promise<{ header: Header; section: Uint8Array } | string> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const format = view.getUint32(4, true);
  if (format > STATE_FILE_FORMAT) return `This file was made by a newer version of Neuroplay (state file format ${format}; this page reads ${STATE_FILE_FORMAT}).`;
  if (format !== STATE_FILE_FORMAT) return `This file has state file format ${format}, which Neuroplay never wrote (this page reads ${STATE_FILE_FORMAT}).`;
  const headerBytes = view.getUint32(8, true);
  if (headerBytes > MAX_STATE_HEADER_BYTES) return `This file's header is ${mib(headerBytes)}, more than a state file's may be (${mib(MAX_STATE_HEADER_BYTES)}).`;
  const end = file.length - DIGEST_BYTES;
  if (PREFIX_BYTES + headerBytes > end) return 'This file is damaged: its header runs past its end.';
  if (!equalBytes(await sha256(file.subarray(0, end)), file.subarray(end))) return 'This file is damaged: its checksum does not match its contents.';

  const json = parseJsonBytes(file.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  if (!json.ok) return `This file's header ${json.problem}.`;
  const parsed = HeaderSchema.safeParse(json.value);
  if (!parsed.success) return `This file's header is not valid:\n${summarizeErrors(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })))}`;
  return { header: parsed.data, section: file.subarray(PREFIX_BYTES + headerBytes, end) };
}

/** A copy of each array the manifest names, or why not. */
function readArrays(manifest: Header['arrays'], section: Uint8Array): Record<string, StateArray> | string {
  // No prototype: an array named "constructor" or "__proto__" is just a name.
  const arrays: Record<string, StateArray> = Object.create(null);
  for (const { name, type, length, offset } of manifest) {
    const Type = ELEMENT_TYPES[type];
    const byteEnd = offset + length * Type.BYTES_PER_ELEMENT;
    if (name in arrays) return `This file is damaged: it has the array "${name}" twice.`;
    if (byteEnd > section.length) return `This file is damaged: the array "${name}" runs past its end.`;
    const array = new Type(length);
    new Uint8Array(array.buffer).set(section.subarray(offset, byteEnd));
    arrays[name] = array;
  }
  return arrays;
}

function elementType(array: StateArray): ElementType {
  for (const [type, Type] of Object.entries(ELEMENT_TYPES)) if (array.constructor === Type) return type as ElementType;
  throw new TypeError(`state file: cannot store a ${array.constructor.name}`);
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rounded up, so that a size just over a limit never reads as the limit. */
function mib(bytes: number): string {
  return `${(Math.ceil((bytes / 2 ** 20) * 10) / 10).toFixed(1)} MiB`;
}
