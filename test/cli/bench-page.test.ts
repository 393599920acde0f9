/**
 * The page benchmark: its arithmetic on frame timestamps and page windows,
 * its flags, and the real command (`tsx src/cli/bench.ts --page`, spawned
 * as a person would run it) on the default network for 2 s in headless
 * Chromium, checked for the table's shape and sane numbers.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from '@/cli/args';
import { DEFAULT_PAGE_NEURONS, DEFAULT_PAGE_SECONDS, parseBenchArgs } from '@/cli/bench-args';
import { frameRates, pageRow } from '@/cli/bench-page';
import { chromiumMissing } from '@/cli/chromium';
import { REPO_ROOT } from '@/cli/site';

/** `count` frames `intervalMs` apart, from 0. */
const evenFrames = (count: number, intervalMs: number) => Array.from({ length: count }, (_, i) => i * intervalMs);

describe('frameRates', () => {
  it('gives 60 fps median and 5th percentile for frames 1000 / 60 ms apart', () => {
    const { medianFps, p5Fps } = frameRates(evenFrames(121, 1000 / 60));
    expect(medianFps).toBeCloseTo(60, 9);
    expect(p5Fps).toBeCloseTo(60, 9);
  });

  it('of 100 intervals, 5 at 50 ms leave the 5th percentile at 60 fps; a 6th pulls it to 20 fps (nearest rank: the 95th interval)', () => {
    const withSlow = (slow: number) => {
      const intervals = [...Array<number>(100 - slow).fill(1000 / 60), ...Array<number>(slow).fill(50)];
      return intervals.reduce((times, dt) => [...times, times.at(-1)! + dt], [0]);
    };
    expect(frameRates(withSlow(5)).p5Fps).toBeCloseTo(60, 9);
    expect(frameRates(withSlow(6)).p5Fps).toBeCloseTo(20, 9);
    expect(frameRates(withSlow(6)).medianFps).toBeCloseTo(60, 9);
  });

  it('gives 0 fps when the page drew fewer than two frames', () => {
    expect(frameRates([5])).toEqual({ medianFps: 0, p5Fps: 0 });
  });
});

describe('pageRow', () => {
  it('turns 5,000 steps of 0.1 ms and 12,000 spikes over 2 s into a real-time factor of 0.25 and 6,000 spikes / s; the longest of 3 long tasks is 120 ms', () => {
    const row = pageRow({ frameTimesMs: evenFrames(31, 1000 / 15), longTasksMs: [60, 120, 51], wallMs: 2000, steps: 5000, spikes: 12_000 }, 0.1, {
      webgpu: false,
      engine: 'CPU',
      fallback: null,
      neurons: 1256,
      synapses: 140_000,
    });
    expect(row).toMatchObject({ frames: 31, longTasks: 3, longestTaskMs: 120, realTimeFactor: 0.25, spikesPerS: 6000, wallS: 2 });
    expect(row.medianFps).toBeCloseTo(15, 9);
  });

  it('reports a longest task of 0 ms when there was none', () => {
    const row = pageRow({ frameTimesMs: [0, 16], longTasksMs: [], wallMs: 16, steps: 0, spikes: 0 }, 0.1, { webgpu: true, engine: 'CPU', fallback: 'no adapter', neurons: 1, synapses: 0 });
    expect(row.longestTaskMs).toBe(0);
  });
});

describe('parseBenchArgs --page', () => {
  it(`runs the page benchmark for ${DEFAULT_PAGE_SECONDS} s on ${DEFAULT_PAGE_NEURONS.toLocaleString('en')} neurons with WebGPU and without, and only with --page`, () => {
    expect(parseBenchArgs(['--page']).page).toEqual({ seconds: 10, neurons: 10_000, webgpu: true });
    expect(parseBenchArgs(['--page', '--page-seconds', '2', '--page-neurons', '1000', '--no-gpu']).page).toEqual({ seconds: 2, neurons: 1000, webgpu: false });
    expect(parseBenchArgs([]).page).toBeUndefined();
  });

  it('refuses the page flags without --page, CUBA flags with it, and 0 seconds, naming each flag', () => {
    expect(() => parseBenchArgs(['--page-seconds', '2'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--page-seconds', '2'])).toThrow('--page-seconds: needs --page');
    expect(() => parseBenchArgs(['--page', '--sizes', '4000', '--page-seconds', '0'])).toThrow('--page-seconds: 0 is below the minimum 1\n--sizes: does not apply to --page');
  });
});

const missing = chromiumMissing();

if (missing && process.env.CI) {
  describe('npm run bench -- --page', () => {
    it('needs Chromium under CI', () => {
      throw new Error(missing);
    });
  });
} else if (missing) {
  console.warn(`Skipping the page benchmark's run: ${missing}`);
}

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The Markdown table whose header starts with `first`, as objects keyed by the header's cells. */
function readTable(text: string, first: string): Record<string, string>[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  if (start < 0) throw new Error(`no table headed "${first}" in:\n${text}`);
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const header = cells(lines[start]);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  const body = lines.slice(start + 2, end < 0 ? undefined : end);
  return body.map((line) => Object.fromEntries(cells(line).map((cell, c) => [header[c], cell])));
}

const number = (cell: string) => Number(cell.replaceAll(',', '').replaceAll('*', ''));

describe.skipIf(missing !== null)('npm run bench -- --page', () => {
  // The CPU engine's row only: WebGPU's kernels compile on SwiftShader for tens of seconds on a busy machine. Typically 10 to 20 s in all.
  it(
    'measures the default network (1,256 neurons, 140,000 synapses) for 2 s: 0 < fps <= 240, long tasks >= 0, real-time factor in (0, 1.2], spikes, and a bundle > 0',
    { timeout: 90_000 },
    async () => {
      const { code, stdout, stderr } = await runBench(['--page', '--page-seconds', '2', '--page-neurons', '1000', '--no-gpu']);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('- command: npm run bench -- --page --page-seconds 2 --page-neurons 1000 --no-gpu');
      expect(stdout).toMatch(/^- browser: HeadlessChrome\/\d+/m);

      const rows = readTable(stdout, 'Chromium WebGPU');
      expect(Object.keys(rows[0])).toEqual([
        'Chromium WebGPU',
        'engine',
        'N',
        'synapses',
        'fps (median)',
        'fps (5th pct)',
        'frames',
        'long tasks > 50 ms',
        'longest task ms',
        'real-time factor',
        'spikes drawn / s',
        'wall s',
      ]);
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect([row['Chromium WebGPU'], row.engine, row.N, row.synapses]).toEqual(['off', 'CPU', '1,256', '140,000']);
      const fps = number(row['fps (median)']);
      expect(fps).toBeGreaterThan(0);
      expect(fps).toBeLessThanOrEqual(240);
      expect(number(row['fps (5th pct)'])).toBeGreaterThan(0);
      expect(number(row['fps (5th pct)'])).toBeLessThanOrEqual(fps);
      expect(number(row.frames)).toBeGreaterThan(1);
      const longTasks = number(row['long tasks > 50 ms']);
      expect(Number.isInteger(longTasks) && longTasks >= 0).toBe(true);
      // A long task lasts over 50 ms by definition; none leaves the longest at 0.
      if (longTasks > 0) expect(number(row['longest task ms'])).toBeGreaterThanOrEqual(50);
      else expect(number(row['longest task ms'])).toBe(0);
      // Speed 1: the loop never runs ahead of wall time; at most 3 frames in flight of up to 100 ms each (host.ts) may land inside the 2 s window from before it.
      const factor = number(row['real-time factor']);
      expect(factor).toBeGreaterThan(0);
      expect(factor).toBeLessThanOrEqual(1.2);
      // The retina alone sends 256 x 20 Hz = 5,120 spikes per simulated second; half of that, scaled by the real-time factor, is a loose floor.
      expect(number(row['spikes drawn / s'])).toBeGreaterThan(0.5 * 5120 * factor);
      expect(number(row['wall s'])).toBeGreaterThanOrEqual(2);

      const bundle = readTable(stdout, 'asset');
      const total = bundle.find((r) => r.asset === '**total JS + CSS**')!;
      const initial = bundle.find((r) => r.asset === '**initial load**')!;
      expect(number(total['gzip kB (level 9)'])).toBeGreaterThan(0);
      expect(number(initial['gzip kB (level 9)'])).toBeGreaterThan(0);
      expect(number(initial['gzip kB (level 9)'])).toBeLessThanOrEqual(number(total['gzip kB (level 9)']));
      expect(bundle.filter((r) => r.load === 'initial').map((r) => r.asset)).toContainEqual(expect.stringMatching(/^assets\/index-.+\.js$/));
    },
  );
});
