/**
 * Writing the IDX format that idx.ts reads: 00 00, type code, rank, each
 * dimension as a big-endian u32, then the values. Only ubyte is written,
 * which is all an image dataset needs.
 */
import { checkDataset, type ImageDataset } from './dataset';

/** IDX type code of unsigned bytes. */
const UBYTE = 0x08;

/** An IDX file of unsigned bytes of shape `dims`, last dimension fastest. */
export function writeIdxUbyte(dims: readonly number[], values: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) throw new RangeError(`writeIdxUbyte: shape ${dims.join('x')} holds ${count} values, got ${values.length}`);
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + count);
  const view = new DataView(bytes.buffer);
  bytes[2] = UBYTE;
  bytes[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  bytes.set(values, header);
  return bytes;
}

/** A dataset as the pair of IDX files MNIST ships: images (n x height x width) and labels (n). */
export function writeIdxDataset(dataset: ImageDataset): { images: Uint8Array; labels: Uint8Array } {
  const { width, height, images, labels } = checkDataset(dataset);
  return { images: writeIdxUbyte([labels.length, height, width], images), labels: writeIdxUbyte([labels.length], labels) };
}
