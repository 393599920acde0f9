/**
 * The IDX file format of the MNIST distribution (LeCun, Cortes & Burges,
 * yann.lecun.com/exdb/mnist): two zero bytes, a type code, the number of
 * dimensions, each dimension as a big-endian u32, then the values
 * big-endian, last dimension fastest. Files may be gzipped (`.gz`); the
 * parser takes bytes, so it runs alike in Node and the browser.
 */
import { gunzipSync } from 'fflate';
import { checkDataset, type ImageDataset } from './dataset';

/** IDX type codes and the bytes each value takes. */
const IDX_TYPES = {
  0x08: { name: 'ubyte', bytes: 1 },
  0x09: { name: 'sbyte', bytes: 1 },
  0x0b: { name: 'short', bytes: 2 },
  0x0c: { name: 'int', bytes: 4 },
  0x0d: { name: 'float', bytes: 4 },
  0x0e: { name: 'double', bytes: 8 },
} as const;

type IdxTypeCode = keyof typeof IDX_TYPES;
export type IdxType = (typeof IDX_TYPES)[IdxTypeCode]['name'];

/** A parsed IDX array: its shape and its values, last dimension fastest. */
export interface IdxArray {
  type: IdxType;
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/** Thrown for bytes that are not a whole IDX file; the message says what is wrong. */
export class IdxError extends Error {
  constructor(what: string, message: string) {
    super(`${what}: ${message}`);
    this.name = 'IdxError';
  }
}

/** Gzip streams start with 1f 8b (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

function gunzip(bytes: Uint8Array, what: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new IdxError(what, `not a valid gzip stream (${error instanceof Error ? error.message : String(error)})`);
  }
}

function readValues(view: DataView, offset: number, code: IdxTypeCode, count: number): IdxArray['data'] {
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, count * IDX_TYPES[code].bytes);
  switch (code) {
    case 0x08:
      return bytes.slice();
    case 0x09:
      return new Int8Array(bytes.slice().buffer);
    case 0x0b:
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i));
    case 0x0c:
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i));
    case 0x0d:
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i));
    case 0x0e:
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i));
  }
}

/** Parses an IDX file, gunzipping it first when it is gzipped. `what` names it in errors (a file name). */
export function parseIdx(input: Uint8Array, what = 'IDX'): IdxArray {
  const bytes = isGzip(input) ? gunzip(input, what) : input;
  if (bytes.length < 4) throw new IdxError(what, `truncated: ${bytes.length} bytes, shorter than the 4-byte magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0)
    throw new IdxError(what, `bad magic number: an IDX file starts with two zero bytes, got ${hex(bytes[0])} ${hex(bytes[1])}`);
  const code = bytes[2];
  if (!(code in IDX_TYPES)) throw new IdxError(what, `bad magic number: type code ${hex(code)} is none of 0x08 0x09 0x0b 0x0c 0x0d 0x0e`);
  const typeCode = code as IdxTypeCode;
  const rank = bytes[3];
  if (rank === 0) throw new IdxError(what, 'bad magic number: 0 dimensions');
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new IdxError(what, `truncated: ${rank} dimensions need a ${headerBytes}-byte header, the file has ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d));
  const count = dims.reduce((a, b) => a * b, 1);
  const type = IDX_TYPES[typeCode];
  const dataBytes = count * type.bytes;
  const present = bytes.length - headerBytes;
  if (present < dataBytes)
    throw new IdxError(what, `truncated: the header says ${dims.join('x')} ${type.name} values (${dataBytes} bytes) but only ${present} bytes follow it`);
  if (present > dataBytes) throw new IdxError(what, `${present - dataBytes} bytes follow the ${dims.join('x')} ${type.name} values the header announces`);
  return { type: type.name, dims, data: readValues(view, headerBytes, typeCode, count) };
}

/**
 * An image dataset from an IDX image file (ubyte, n x rows x cols) and its
 * label file (ubyte, n), each plain or gzipped, as MNIST and its relatives
 * (Fashion-MNIST, EMNIST, KMNIST) ship.
 */
export function readIdxDataset(imageBytes: Uint8Array, labelBytes: Uint8Array, names = { images: 'images', labels: 'labels' }): ImageDataset {
  const images = parseIdx(imageBytes, names.images);
  const labels = parseIdx(labelBytes, names.labels);
  if (images.type !== 'ubyte' || images.dims.length !== 3)
    throw new IdxError(names.images, `expected ubyte images of shape n x rows x cols, got ${images.type} of shape ${images.dims.join('x')}`);
  if (labels.type !== 'ubyte' || labels.dims.length !== 1)
    throw new IdxError(names.labels, `expected ubyte labels of shape n, got ${labels.type} of shape ${labels.dims.join('x')}`);
  if (labels.dims[0] !== images.dims[0])
    throw new IdxError(names.labels, `${labels.dims[0]} labels for ${images.dims[0]} images in ${names.images}`);
  const [, height, width] = images.dims;
  return checkDataset({ width, height, images: images.data as Uint8Array, labels: labels.data as Uint8Array }, names.images);
}
