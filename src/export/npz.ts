/**
 * numpy's .npz: a zip of .npy files, what `numpy.load` opens. Each .npy is
 * the format's version 1.0: magic, a little-endian u16 header length, a
 * Python dict literal naming dtype and shape, padded with spaces to a
 * multiple of 64 bytes, then the raw little-endian data.
 */
import { zipSync } from 'fflate';

export type NpyArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

const DTYPES = new Map<unknown, string>([
  [Float32Array, '<f4'],
  [Float64Array, '<f8'],
  [Int32Array, '<i4'],
  [Uint32Array, '<u4'],
  [Uint16Array, '<u2'],
  [Uint8Array, '|u1'],
]);
const MAGIC = [0x93, ...new TextEncoder().encode('NUMPY'), 1, 0];
const ALIGN = 64;

/** One 1-D array as a .npy file. */
export function encodeNpy(values: NpyArray): Uint8Array {
  const descr = DTYPES.get(values.constructor);
  if (descr === undefined) throw new TypeError(`no numpy dtype for ${values.constructor.name}`);
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${values.length},), }`;
  const unpadded = MAGIC.length + 2 + dict.length + 1;
  const header = dict.padEnd(dict.length + ((ALIGN - (unpadded % ALIGN)) % ALIGN), ' ') + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(MAGIC.length + 2 + headerBytes.length + values.byteLength);
  out.set(MAGIC);
  new DataView(out.buffer).setUint16(MAGIC.length, headerBytes.length, true);
  out.set(headerBytes, MAGIC.length + 2);
  // Every platform a browser or Node runs on is little-endian, as the dtypes say.
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), MAGIC.length + 2 + headerBytes.length);
  return out;
}

/** Named arrays as an .npz (deflated, like numpy.savez_compressed); `numpy.load(file)[name]` gives each back. */
export function encodeNpz(arrays: Record<string, NpyArray>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, values] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(values);
  return zipSync(files, { level: 1 });
}
