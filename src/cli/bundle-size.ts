/**
 * What the first visit downloads: the gzipped size of each JS and CSS file
 * of a built site, split into the initial load (what index.html references,
 * its module preloads included) and chunks loaded later; the datasets
 * (public/datasets, fetched when an experiment asks) are listed apart and
 * not counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where Vite copies public/datasets in the built site. */
export const DATASETS_DIR = 'datasets';
/** The strongest level: the size a host that compresses ahead of time serves. */
export const GZIP_LEVEL = 9;

/** `initial`: index.html references it; `lazy`: fetched later (a dynamic import, the worker, a renderer). */
export type AssetLoad = 'initial' | 'lazy';

export interface FileSize {
  /** Relative to the site's root, with '/'. */
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleAsset extends FileSize {
  load: AssetLoad;
}

export interface BundleSizes {
  /** JS and CSS outside the datasets: initial ones first, each group largest first. */
  assets: BundleAsset[];
  /** Everything under datasets/, largest first: not part of the bundle. */
  datasets: FileSize[];
  initialGzipBytes: number;
  lazyGzipBytes: number;
  totalGzipBytes: number;
}

export function gzipBytes(data: Uint8Array): number {
  return gzipSync(data, { level: GZIP_LEVEL }).length;
}

const LOADED_RELS = new Set(['stylesheet', 'modulepreload']);
/** A scheme (`https:`) or a protocol-relative `//host`. */
const ABSOLUTE_URL = /^([a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * The site-relative paths index.html loads at once: `<script src>`, and
 * `<link href>` whose rel is stylesheet or modulepreload. Absolute URLs
 * (another host) are left out.
 */
export function initialAssets(indexHtml: string): string[] {
  const paths: string[] = [];
  for (const [tag, name] of indexHtml.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attribute = (key: string) => new RegExp(`\\s${key}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const isScript = name.toLowerCase() === 'script';
    const loads = isScript || LOADED_RELS.has(attribute('rel')?.toLowerCase() ?? '');
    const url = attribute(isScript ? 'src' : 'href');
    if (loads && url && !ABSOLUTE_URL.test(url)) paths.push(url.replace(/^\.?\//, ''));
  }
  return paths;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function sizeOf(distDir: string, path: string): FileSize {
  const data = readFileSync(join(distDir, path));
  return { path, bytes: data.length, gzipBytes: gzipBytes(data) };
}

const largestFirst = (a: FileSize, b: FileSize) => b.gzipBytes - a.gzipBytes || a.path.localeCompare(b.path);
const sum = (files: readonly FileSize[]) => files.reduce((total, f) => total + f.gzipBytes, 0);

/** Sizes of the site built in `distDir` (Vite's dist/: index.html at its root). Source maps, HTML and icons are not counted. */
export function bundleSizes(distDir: string): BundleSizes {
  const initial = new Set(initialAssets(readFileSync(join(distDir, 'index.html'), 'utf8')));
  const files = filesUnder(distDir);
  const isDataset = (path: string) => path.startsWith(`${DATASETS_DIR}/`);
  const assets = files
    .filter((path) => !isDataset(path) && /\.(js|css)$/.test(path))
    .map((path): BundleAsset => ({ ...sizeOf(distDir, path), load: initial.has(path) ? 'initial' : 'lazy' }))
    .sort((a, b) => Number(a.load === 'lazy') - Number(b.load === 'lazy') || largestFirst(a, b));
  const datasets = files
    .filter(isDataset)
    .map((path) => sizeOf(distDir, path))
    .sort(largestFirst);
  const initialGzipBytes = sum(assets.filter((a) => a.load === 'initial'));
  const lazyGzipBytes = sum(assets.filter((a) => a.load === 'lazy'));
  return { assets, datasets, initialGzipBytes, lazyGzipBytes, totalGzipBytes: initialGzipBytes + lazyGzipBytes };
}

/** kB to 0.1, and two significant digits below 1 kB, where 0.1 would hide the size. */
function kB(bytes: number): string {
  const value = bytes / 1000;
  return value > 0 && value < 1 ? value.toPrecision(2) : value.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The sizes as Markdown: one row per asset, the totals, and the datasets apart. */
export function formatBundleSizes(sizes: BundleSizes): string {
  const rawOf = (load?: AssetLoad) => sizes.assets.filter((a) => load === undefined || a.load === load).reduce((total, a) => total + a.bytes, 0);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    line(['asset', 'load', 'kB', `gzip kB (level ${GZIP_LEVEL})`]),
    line(['---', '---', '---:', '---:']),
    ...sizes.assets.map((a) => line([a.path, a.load, kB(a.bytes), kB(a.gzipBytes)])),
    line(['**initial load**', '', kB(rawOf('initial')), `**${kB(sizes.initialGzipBytes)}**`]),
    line(['lazy', '', kB(rawOf('lazy')), kB(sizes.lazyGzipBytes)]),
    line(['**total JS + CSS**', '', kB(rawOf()), `**${kB(sizes.totalGzipBytes)}**`]),
    '',
    sizes.datasets.length
      ? `Datasets (${DATASETS_DIR}/, fetched when an experiment needs them; not counted above): ` +
        sizes.datasets.map((d) => `${d.path} ${kB(d.bytes)} kB (gzip ${kB(d.gzipBytes)} kB)`).join(', ') +
        '.'
      : `Datasets: none in ${DATASETS_DIR}/.`,
  ];
  return lines.join('\n');
}
