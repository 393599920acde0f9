import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IdxError, isGzip, parseIdx, readIdxDataset } from '@/stimuli';

/** An IDX file by hand: 00 00 type rank, big-endian u32 dims, then the values. */
function idx(type: number, dims: number[], values: number[]): Uint8Array {
  const header = [0, 0, type, dims.length];
  for (const d of dims) header.push((d >>> 24) & 0xff, (d >>> 16) & 0xff, (d >>> 8) & 0xff, d & 0xff);
  return Uint8Array.from([...header, ...values]);
}

// Two 2x3 images (pixel values 0..11) and their labels 7, 3.
const IMAGES = idx(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
const LABELS = idx(0x08, [2], [7, 3]);

describe('parseIdx', () => {
  it('reads a 2x2x3 ubyte array: dims [2, 2, 3] and 12 values in file order', () => {
    const a = parseIdx(IMAGES);
    expect(a.type).toBe('ubyte');
    expect(a.dims).toEqual([2, 2, 3]);
    expect(Array.from(a.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  });

  it('reads big-endian wider types: int 0x0c value 0x01020304 = 16909060, short 0xfffe = -2', () => {
    expect(Array.from(parseIdx(idx(0x0c, [1], [1, 2, 3, 4])).data)).toEqual([16909060]);
    expect(Array.from(parseIdx(idx(0x0b, [1], [0xff, 0xfe])).data)).toEqual([-2]);
  });

  it('reads bytes that sit at an offset in a larger buffer (as a pooled Node Buffer does): same 12 values', () => {
    const padded = new Uint8Array(IMAGES.length + 5);
    padded.set(IMAGES, 3);
    expect(parseIdx(padded.subarray(3, 3 + IMAGES.length))).toEqual(parseIdx(IMAGES));
  });

  it('gunzips a gzipped file (magic 1f 8b) to the same array as the plain one', () => {
    const zipped = gzipSync(IMAGES);
    expect(isGzip(zipped)).toBe(true);
    expect(isGzip(IMAGES)).toBe(false);
    expect(parseIdx(zipped)).toEqual(parseIdx(IMAGES));
  });

  it('refuses a file that does not start with two zero bytes, naming the bytes', () => {
    const bad = IMAGES.slice();
    bad[0] = 0x50;
    bad[1] = 0x4b;
    expect(() => parseIdx(bad, 'x.idx')).toThrow(IdxError);
    expect(() => parseIdx(bad, 'x.idx')).toThrow('x.idx: bad magic number: an IDX file starts with two zero bytes, got 0x50 0x4b');
  });

  it('refuses an unknown type code (0x07)', () => {
    expect(() => parseIdx(idx(0x07, [1], [0]))).toThrow('type code 0x07 is none of');
  });

  it('refuses data shorter than the header announces: 12 bytes promised, 11 present', () => {
    expect(() => parseIdx(IMAGES.subarray(0, IMAGES.length - 1))).toThrow('truncated: the header says 2x2x3 ubyte values (12 bytes) but only 11 bytes follow it');
  });

  it('refuses a header cut short: 3 dimensions need 16 bytes', () => {
    expect(() => parseIdx(IMAGES.subarray(0, 10))).toThrow('truncated: 3 dimensions need a 16-byte header, the file has 10 bytes');
  });

  it('refuses bytes beyond the announced data', () => {
    expect(() => parseIdx(Uint8Array.from([...LABELS, 9]))).toThrow('1 bytes follow the 2 ubyte values the header announces');
  });

  it('refuses a broken gzip stream with a clear message', () => {
    const zipped = gzipSync(IMAGES).subarray(0, 12);
    expect(() => parseIdx(zipped, 'train.gz')).toThrow(/^train\.gz: not a valid gzip stream/);
  });
});

describe('readIdxDataset', () => {
  it('pairs 2 images of 3x2 with labels [7, 3]; image 1 is pixels 250..255', () => {
    const d = readIdxDataset(gzipSync(IMAGES), LABELS);
    expect(d.width).toBe(3);
    expect(d.height).toBe(2);
    expect(Array.from(d.labels)).toEqual([7, 3]);
    expect(Array.from(d.images.subarray(6, 12))).toEqual([250, 251, 252, 253, 254, 255]);
  });

  it('refuses 3 labels for 2 images', () => {
    expect(() => readIdxDataset(IMAGES, idx(0x08, [3], [1, 2, 3]), { images: 'img', labels: 'lab' })).toThrow('lab: 3 labels for 2 images in img');
  });

  it('refuses labels where images are expected (rank 1 instead of 3)', () => {
    expect(() => readIdxDataset(LABELS, LABELS)).toThrow('expected ubyte images of shape n x rows x cols, got ubyte of shape 2');
  });
});
