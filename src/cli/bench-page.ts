/**
 * `npm run bench -- --page`: the playground as a visitor gets it. The
 * production build is served and opened in headless Chromium, with WebGPU
 * (SwiftShader) and without it (the CPU engine); once the page runs, a
 * balanced network of --page-neurons goes in through `window.__neuroplay`,
 * and over --page-seconds of wall time the page itself measures its display
 * frame rate, its main-thread long tasks, the simulation's real-time factor
 * and the spikes it draws. Then the gzipped size of the first load.
 */
import type { Page } from 'playwright-core';
import { parseGenome, PRESETS } from '@/model';
import type { PageBenchOptions } from './bench-args';
import { bundleSizes, formatBundleSizes, type BundleSizes } from './bundle-size';
import { openChromiumPage } from './chromium';
import type { Machine } from './machine';
import { startTicker } from './progress';
import { significant } from './report';
import { serveBuiltSite } from './site';

/** A main-thread task longer than this is a long task (the Long Tasks API's threshold), ms. */
export const LONG_TASK_MS = 50;
/** Time for the default experiment to start running: compiling the kernels on SwiftShader alone takes seconds. */
const START_TIMEOUT_MS = 120_000;
/** Time for a network to be built, uploaded and ready: 10,000 neurons of the balanced preset have about 10 million synapses. */
const LOAD_TIMEOUT_MS = 600_000;

/** What the page measured over the window. */
export interface PageWindow {
  /** requestAnimationFrame timestamps, ms. */
  frameTimesMs: number[];
  /** Durations of the long tasks that overlapped the window, ms. */
  longTasksMs: number[];
  wallMs: number;
  /** Simulation steps and spikes (as (step, neuron) pairs) the page received over the window. */
  steps: number;
  spikes: number;
}

/** One Chromium set-up, measured. */
export interface PageRow {
  /** Chromium started with --enable-unsafe-webgpu. */
  webgpu: boolean;
  /** The engine as the page names it. */
  engine: string;
  /** Why the page did not run WebGPU, as it says; null when it ran what it chose. */
  fallback: string | null;
  neurons: number;
  synapses: number;
  medianFps: number;
  p5Fps: number;
  frames: number;
  longTasks: number;
  /** 0 when there was none. */
  longestTaskMs: number;
  /** Simulated over wall time. */
  realTimeFactor: number;
  spikesPerS: number;
  wallS: number;
}

/** The browser a row ran in. */
export interface BrowserAbout {
  /** Chromium's version, from the user agent. */
  chromium: string;
  /** The unmasked WebGL renderer: what draws the page. */
  renderer: string;
}

export interface PageBench extends BrowserAbout {
  rows: PageRow[];
  bundle: BundleSizes;
  /** Console errors and uncaught page errors, in order, over every row. */
  pageErrors: string[];
  options: PageBenchOptions;
}

/** Nearest-rank q-quantile of ascending values. */
function quantile(ascending: readonly number[], q: number): number {
  return ascending[Math.min(ascending.length - 1, Math.max(0, Math.ceil(q * ascending.length) - 1))];
}

/**
 * Display frame rates from requestAnimationFrame timestamps: 1000 over the
 * median frame interval, and 1000 over the 95th-percentile interval (the
 * rate all but the slowest 5% of frames reach). 0 with fewer than two frames.
 */
export function frameRates(frameTimesMs: readonly number[]): { medianFps: number; p5Fps: number } {
  const intervals = frameTimesMs
    .slice(1)
    .map((t, i) => t - frameTimesMs[i])
    .sort((a, b) => a - b);
  if (!intervals.length) return { medianFps: 0, p5Fps: 0 };
  return { medianFps: 1000 / quantile(intervals, 0.5), p5Fps: 1000 / quantile(intervals, 0.95) };
}

/** A row from the page's window; `dtMs` is the network's step. */
export function pageRow(measured: PageWindow, dtMs: number, setup: Pick<PageRow, 'webgpu' | 'engine' | 'fallback' | 'neurons' | 'synapses'>): PageRow {
  const wallS = measured.wallMs / 1000;
  return {
    ...setup,
    ...frameRates(measured.frameTimesMs),
    frames: measured.frameTimesMs.length,
    longTasks: measured.longTasksMs.length,
    longestTaskMs: Math.max(0, ...measured.longTasksMs),
    realTimeFactor: (measured.steps * dtMs) / measured.wallMs,
    spikesPerS: measured.spikes / wallS,
    wallS,
  };
}

/**
 * Runs in the page (serialised by Playwright: it may use nothing from this
 * module). Counts frames with requestAnimationFrame for `durationMs` and
 * keeps the long tasks that overlap the window; buffered, so one that ended
 * just before the observer was registered is seen too.
 */
async function measureWindow(durationMs: number): Promise<PageWindow> {
  const handle = window.__neuroplay!;
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    longTasks.push(...list.getEntries());
  });
  observer.observe({ type: 'longtask', buffered: true });
  const before = handle.stats();
  const startMs = performance.now();
  const frameTimesMs: number[] = [];
  while (performance.now() - startMs < durationMs) frameTimesMs.push(await new Promise<number>((resolve) => requestAnimationFrame(resolve)));
  const endMs = performance.now();
  const after = handle.stats();
  longTasks.push(...observer.takeRecords());
  observer.disconnect();
  return {
    frameTimesMs,
    longTasksMs: longTasks.filter((t) => t.startTime < endMs && t.startTime + t.duration > startMs).map((t) => t.duration),
    wallMs: endMs - startMs,
    steps: after.stepEnd - before.stepEnd,
    spikes: after.recordedSpikes - before.recordedSpikes,
  };
}

const readCount = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replaceAll(',', ''));

function browserAbout(page: Page): Promise<BrowserAbout> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return {
      chromium: /(?:Headless)?Chrome\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? navigator.userAgent,
      renderer: gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL',
    };
  });
}

/**
 * Opens the page in a fresh Chromium, waits for the default experiment to
 * run, loads `genome`, runs it (a load leaves the network paused) and
 * measures. Throws with the page's error banner when one shows instead.
 */
async function measureSetup(
  url: string,
  webgpu: boolean,
  genome: unknown,
  options: PageBenchOptions,
  errors: string[],
): Promise<{ measured: PageWindow; shown: Pick<PageRow, 'engine' | 'fallback' | 'neurons' | 'synapses'>; about: BrowserAbout }> {
  const { page, close } = await openChromiumPage(url, { webgpu }, errors);
  try {
    await page.waitForFunction(() => window.__neuroplay?.stats().runState === 'running', undefined, { timeout: START_TIMEOUT_MS });
    await page.evaluate((g) => window.__neuroplay!.load(g), genome);
    await page.waitForFunction(() => window.__neuroplay!.stats().runState === 'paused' || document.querySelector('[role=alert]') !== null, undefined, {
      timeout: LOAD_TIMEOUT_MS,
    });
    const banner = page.getByRole('alert');
    if (await banner.count()) throw new Error(`the page shows an error instead of the network: ${(await banner.first().innerText()).replaceAll('\n', ' ')}`);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction(() => window.__neuroplay!.stats().runState === 'running', undefined, { timeout: START_TIMEOUT_MS });
    const measured = await page.evaluate(measureWindow, options.seconds * 1000);
    const engine = await page.evaluate(() => window.__neuroplay!.stats().engine);
    const shown = { engine: engine?.label ?? 'unknown', fallback: engine?.fallback ?? null, neurons: await readCount(page, 'neurons'), synapses: await readCount(page, 'synapses') };
    return { measured, shown, about: await browserAbout(page) };
  } finally {
    await close();
  }
}

/** Builds and serves the site, measures each Chromium set-up (WebGPU first, when asked), and sizes the bundle. */
export async function benchPage(options: PageBenchOptions): Promise<PageBench> {
  const genome = PRESETS.balanced.genome({ neurons: options.neurons });
  const parsed = parseGenome(genome);
  const expectedNeurons = parsed.populations.reduce((sum, p) => sum + p.size, 0);
  const ticker = startTicker('[page] building the production site');
  const site = await serveBuiltSite();
  ticker.stop(site.url);
  const pageErrors: string[] = [];
  try {
    const bundle = bundleSizes(site.outDir);
    const rows: PageRow[] = [];
    let about: BrowserAbout = { chromium: '', renderer: '' };
    for (const webgpu of options.webgpu ? [true, false] : [false]) {
      const label = `[page] Chromium, WebGPU ${webgpu ? 'on' : 'off'}, ${expectedNeurons.toLocaleString('en')} neurons`;
      const rowTicker = startTicker(label);
      const measuredSetup = await measureSetup(site.url, webgpu, genome, options, pageErrors);
      const { neurons } = measuredSetup.shown;
      if (neurons !== expectedNeurons) throw new Error(`${label}: the page shows ${neurons} neurons after the load, not ${expectedNeurons}`);
      about = measuredSetup.about;
      const row = pageRow(measuredSetup.measured, parsed.dt_ms, { webgpu, ...measuredSetup.shown });
      rowTicker.stop(`${row.engine}: ${significant(row.medianFps)} fps, ${row.longTasks} long task(s), real-time factor ${significant(row.realTimeFactor)}`);
      rows.push(row);
    }
    return { rows, bundle, ...about, pageErrors, options };
  } finally {
    await site.close();
  }
}

/** The rows as Markdown. */
export function formatPageTable(rows: readonly PageRow[]): string {
  const header = [
    'Chromium WebGPU',
    'engine',
    'N',
    'synapses',
    'fps (median)',
    'fps (5th pct)',
    'frames',
    `long tasks > ${LONG_TASK_MS} ms`,
    'longest task ms',
    'real-time factor',
    'spikes drawn / s',
    'wall s',
  ];
  const body = rows.map((r) => [
    r.webgpu ? 'on' : 'off',
    r.engine,
    r.neurons.toLocaleString('en'),
    r.synapses.toLocaleString('en'),
    significant(r.medianFps),
    significant(r.p5Fps),
    String(r.frames),
    String(r.longTasks),
    r.longestTaskMs.toFixed(0),
    significant(r.realTimeFactor),
    Math.round(r.spikesPerS).toLocaleString('en'),
    r.wallS.toFixed(1),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, c) => (c < 2 ? '---' : '---:'))), ...body.map(line)].join('\n');
}

/** The whole report: what ran where, the table, how to read it, and the bundle. */
export function formatPageBench(bench: PageBench, machine: Machine, command: string): string {
  const { options } = bench;
  const lines = [
    '## Page benchmark: the playground in headless Chromium',
    '',
    `- machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.load1.toFixed(2)} at the start; Node ${machine.node}`,
    `- browser: ${bench.chromium}, headless; GL renderer: ${bench.renderer}`,
    `- command: ${command}`,
    `- network: balanced preset, ${options.neurons.toLocaleString('en')} E + I neurons and the 256-neuron retina, seed 42, loaded through window.__neuroplay.load ` +
      `and run at speed 1x; ${options.seconds} s of wall time measured once it runs`,
    '',
    formatPageTable(bench.rows),
    '',
    `No GPU: headless Chromium here draws the page in software (the GL renderer above), and the WebGPU engine's kernels run on SwiftShader, ` +
      "on the same CPU cores as the page and the worker. The frame rate is what this machine gives, not what a visitor's GPU gives.",
    '',
    'fps: from requestAnimationFrame timestamps in the page, 1000 over the median frame interval and over the 95th-percentile one ' +
      `(5% of frames were slower); the display caps it (60 Hz headless). Long tasks: main-thread tasks over ${LONG_TASK_MS} ms that overlapped the window ` +
      "(PerformanceObserver 'longtask'). Real-time factor: simulated over wall time across the window (steps received x dt); at speed 1x, 1 keeps up. " +
      "Spikes drawn: (step, neuron) pairs the page received for the raster, per wall second. The playground issue's goal: 60 fps and no long task.",
  ];
  const fallbacks = bench.rows.filter((r) => r.webgpu && r.fallback);
  if (fallbacks.length) lines.push('', ...fallbacks.map((r) => `With WebGPU on, the page ran on the ${r.engine} engine: ${r.fallback}.`));
  if (bench.pageErrors.length) lines.push('', 'Console errors in the page:', ...bench.pageErrors.map((e) => `- ${e}`));
  lines.push('', '## First load: gzipped JS and CSS of the production build', '', formatBundleSizes(bench.bundle));
  return lines.join('\n');
}
