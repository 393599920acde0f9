import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes, formatBundleSizes, gzipBytes, initialAssets } from '@/cli/bundle-size';

/** Bytes gzip cannot shrink (xorshift32): level 9 stores them, 5 bytes of block header over the 18 of gzip's own. */
function noise(n: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

const INDEX_HTML = `<!doctype html>
<html>
  <head>
    <link rel="icon" type="image/svg+xml" href="./favicon.svg" />
    <script type="module" crossorigin src="./assets/entry.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/vendor.js">
    <link rel="stylesheet" crossorigin href="/assets/style.css">
    <script src="https://cdn.example.org/analytics.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('gzipBytes (level 9)', () => {
  it('gzips nothing to 20 bytes (10 of header, an empty final block of 2, CRC and length 8) and 10,000 random bytes to 10,023 (a stored block)', () => {
    expect(gzipBytes(new Uint8Array(0))).toBe(20);
    expect(gzipBytes(noise(10_000, 1))).toBe(10_023);
  });
});

describe('initialAssets', () => {
  it("takes index.html's script, module preload and stylesheet, not its icon nor another host's script", () => {
    expect(initialAssets(INDEX_HTML)).toEqual(['assets/entry.js', 'assets/vendor.js', 'assets/style.css']);
  });
});

describe('bundleSizes on a built site with known files', () => {
  let dist: string;
  const put = (path: string, data: Uint8Array | string) => {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), data);
  };

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'neuroplay-bundle-'));
    put('index.html', INDEX_HTML);
    put('favicon.svg', noise(300, 2));
    put('assets/entry.js', noise(4000, 3));
    put('assets/entry.js.map', noise(9000, 4));
    put('assets/vendor.js', noise(2000, 5));
    put('assets/style.css', '');
    put('assets/raster.js', noise(3000, 6));
    put('assets/engine.worker.js', noise(1000, 7));
    put('datasets/digits-images.idx', noise(5000, 8));
    put('datasets/digits-labels.idx', noise(100, 9));
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('counts initial JS + CSS 4,023 + 2,023 + 20 = 6,066 bytes gzipped, lazy 3,023 + 1,023 = 4,046, total 10,112; no map, HTML or icon', () => {
    const sizes = bundleSizes(dist);
    expect(sizes.assets).toEqual([
      { path: 'assets/entry.js', bytes: 4000, gzipBytes: 4023, load: 'initial' },
      { path: 'assets/vendor.js', bytes: 2000, gzipBytes: 2023, load: 'initial' },
      { path: 'assets/style.css', bytes: 0, gzipBytes: 20, load: 'initial' },
      { path: 'assets/raster.js', bytes: 3000, gzipBytes: 3023, load: 'lazy' },
      { path: 'assets/engine.worker.js', bytes: 1000, gzipBytes: 1023, load: 'lazy' },
    ]);
    expect(sizes.initialGzipBytes).toBe(6066);
    expect(sizes.lazyGzipBytes).toBe(4046);
    expect(sizes.totalGzipBytes).toBe(10_112);
  });

  it('lists the datasets apart (5,023 and 123 bytes gzipped), in none of the totals', () => {
    expect(bundleSizes(dist).datasets).toEqual([
      { path: 'datasets/digits-images.idx', bytes: 5000, gzipBytes: 5023 },
      { path: 'datasets/digits-labels.idx', bytes: 100, gzipBytes: 123 },
    ]);
  });

  it('prints a row per asset and the totals in kB (initial 6.1, lazy 4.0, total 10.1), and the datasets on a line of their own', () => {
    const text = formatBundleSizes(bundleSizes(dist));
    const rows = text.split('\n').filter((line) => line.startsWith('| '));
    expect(rows[0]).toBe('| asset | load | kB | gzip kB (level 9) |');
    expect(rows).toContain('| assets/style.css | initial | 0.0 | 0.020 |');
    expect(rows.slice(-3)).toEqual(['| **initial load** |  | 6.0 | **6.1** |', '| lazy |  | 4.0 | 4.0 |', '| **total JS + CSS** |  | 10.0 | **10.1** |']);
    expect(text).toContain('datasets/digits-images.idx 5.0 kB (gzip 5.0 kB), datasets/digits-labels.idx 0.10 kB (gzip 0.12 kB)');
  });
});
