/**
 * The first page in headless Chromium without WebGPU, from the production
 * build: the default experiment runs on the CPU engine in a worker and the
 * page says why (no WebGPU adapter), the raster moves
 * right to left in the population colours, pause stops simulated time, and a
 * broken genome shows the error banner while the page keeps running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_PRESET, parseGenome, PRESETS } from '@/model';
import { populationColors } from '@/render/palette';
import { buildConnectome } from '@/sim';
import type { NeuroplayStats } from '@/ui/debug-handle';
import { countSynapses } from '@/worker/host';
import { chromiumMissing } from './browser';
import { ARTEFACTS, openPlayground, type Playground } from './playground';
import { bestShift, changedPixels, classifyPixels, countClasses } from './pixels';

const missing = chromiumMissing();

if (missing && process.env.CI) {
  describe('the first page in Chromium', () => {
    it('needs Chromium under CI', () => {
      throw new Error(missing);
    });
  });
} else if (missing) {
  console.warn(`Skipping the browser tests: ${missing}`);
}

/** The default experiment as the builder grows it: the page must report these numbers. */
const network = buildConnectome(parseGenome(PRESETS[DEFAULT_PRESET].genome({})));
const colors = populationColors(network.populations);
const names = network.populations.map((p) => p.name);
/** How long to wait for what depends on the simulation's pace: generous, the 2-core CI machine runs other suites beside this one. */
const SLOW = { timeout: 15_000 };

describe.skipIf(missing !== null)('the first page in Chromium', () => {
  let playground: Playground;
  let page: Page;
  let consoleErrors: string[];
  const stats = (): Promise<NeuroplayStats> => playground.stats();
  const raster = () => page.locator('.raster canvas');

  beforeAll(async () => {
    playground = await openPlayground({ webgpu: false });
    ({ page, consoleErrors } = playground);
  });

  afterAll(async () => {
    await playground?.close();
  });

  it('names the engine "CPU" and shows 1,256 neurons and 140,000 synapses (balanced preset: 256 + 800 + 200 neurons; in-degrees 40, 40, 80, 80, 20, 20)', async () => {
    await expect.poll(() => page.getByTestId('engine').textContent(), SLOW).toBe('CPU');
    expect(network.neuronCount).toBe(1256);
    await expect.poll(() => page.getByTestId('neurons').textContent()).toBe('1,256');
    await expect.poll(() => page.getByTestId('synapses').textContent()).toBe('140,000');
    expect(await page.title()).toBe('Neuroplay');
  });

  it('says why it is not WebGPU: Chromium without --enable-unsafe-webgpu on Linux offers no adapter', async () => {
    const notice = page.getByTestId('engine-notice');
    await expect.poll(() => notice.locator('strong').textContent(), SLOW).toBe('Running on the CPU engine');
    expect(await notice.locator('span').textContent()).toBe('This browser offers no WebGPU adapter (WebGPU is switched off, or the GPU is not supported).');
    expect((await stats()).engine).toEqual({
      backend: 'cpu',
      label: 'CPU',
      fallback: 'this browser offers no WebGPU adapter (WebGPU is switched off, or the GPU is not supported)',
      resumedAtStep: null,
    });
  });

  it('receives spikes of the retina (256 Poisson sources at 20 Hz: about 5,000 a second) and of E', async () => {
    await expect.poll(async () => (await stats()).runState, SLOW).toBe('running');
    await expect.poll(async () => (await stats()).simTimeMs, SLOW).toBeGreaterThan(1000);
    const s = await stats();
    expect(s.backend).toBe('cpu');
    // Over more than 1 s of simulated time: at least 2,000 retina spikes is 10 standard deviations below 5,120 (Poisson, sd ~ 72 per second).
    expect(s.spikesByPopulation.retina).toBeGreaterThan(2000);
    expect(s.spikesByPopulation.E, 'spikes of E: the retina must drive the excitatory population above threshold').toBeGreaterThan(0);
    expect(s.recordedSpikes).toBe(Object.values(s.spikesByPopulation).reduce((a, b) => a + b, 0));
  });

  it('draws every spiking population in its colour and the raster keeps moving (125 columns of 4 ms per 0.5 s at real time)', async () => {
    await expect(raster().count()).resolves.toBe(1);
    const before = await classifyPixels(page, raster(), colors);
    await page.waitForTimeout(500);
    // On a loaded machine a redraw can come late: wait for it rather than fail on the clock.
    await expect.poll(async () => changedPixels(before, await classifyPixels(page, raster(), colors)), SLOW).toBeGreaterThan(500);
    const after = await classifyPixels(page, raster(), colors);
    const s = await stats();
    const counts = countClasses(after, colors.length);
    names.forEach((name, p) => {
      if (s.spikesByPopulation[name] > 100) expect(counts[p], `${name} pixels`).toBeGreaterThan(50);
    });
    await page.screenshot({ path: `${ARTEFACTS}/page.png` });
  });

  it('draws a rate strip per population that fills while the network runs (one point per status, four a second)', async () => {
    const points = async (name: string) => Number(await page.getByTestId(`strip-${name}`).getAttribute('data-points'));
    await expect.poll(() => points('retina'), SLOW).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(await points(name)).toBeGreaterThan(0);
  });

  it('pause stops the simulated time; a 10 ms step moves the picture 2 to 3 columns to the left (40 steps of 0.1 ms per column)', async () => {
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await stats()).runState, SLOW).toBe('paused');
    const paused = await stats();
    await page.waitForTimeout(600);
    const later = await stats();
    expect(later.simTimeMs).toBe(paused.simTimeMs);
    expect(later.stepEnd).toBe(paused.stepEnd);

    const before = await classifyPixels(page, raster(), colors);
    await page.getByRole('button', { name: 'Step 10 ms' }).click();
    await expect.poll(async () => (await stats()).stepEnd, SLOW).toBe(paused.stepEnd + 100);
    // The raster redraws on the next animation frame after the step's frame arrives: wait for that redraw.
    await expect.poll(async () => bestShift(before, await classifyPixels(page, raster(), colors), 8), SLOW).toBeGreaterThanOrEqual(2);
    expect([2, 3]).toContain(bestShift(before, await classifyPixels(page, raster(), colors), 8));

    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(async () => (await stats()).simTimeMs, SLOW).toBeGreaterThan(later.simTimeMs + 100);
  });

  it('Space pauses and runs, "." steps 10 ms while paused (100 steps of 0.1 ms)', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await stats()).runState, SLOW).toBe('paused');
    const paused = await stats();
    await page.keyboard.press('.');
    await expect.poll(async () => (await stats()).stepEnd, SLOW).toBe(paused.stepEnd + 100);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await stats()).runState, SLOW).toBe('running');
  });

  it('teaches: paused, the R key rewards (dopamine 0.00 -> 1.00) and the Punish button punishes (aversion 0.00 -> 1.00), shown at once', async () => {
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await stats()).runState, SLOW).toBe('paused');
    expect(await page.getByTestId('dopamine-level').textContent()).toBe('0.00');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('dopamine-level').textContent(), SLOW).toBe('1.00');
    await page.getByRole('button', { name: /Punish/ }).click();
    await expect.poll(() => page.getByTestId('aversion-level').textContent(), SLOW).toBe('1.00');
    await page.getByRole('button', { name: 'Run' }).click();
    // Running, both decay (tau 200 ms): the levels fall below 1.
    await expect.poll(async () => Number(await page.getByTestId('dopamine-level').textContent()), SLOW).toBeLessThan(1);
  });

  it('deprives: the switch silences the retina (its rate reads 0.0 Hz) and switched off gives it back (about 20 Hz)', async () => {
    const retinaRate = async () => Number.parseFloat((await page.getByTestId('rate-retina').textContent()) ?? 'NaN');
    const senses = page.getByRole('switch', { name: /Sensory deprivation/ });
    // The switch follows the worker's status, not the click: click, then wait for it to turn.
    await senses.click();
    await expect.poll(() => senses.isChecked(), SLOW).toBe(true);
    await expect.poll(() => page.getByTestId('rate-retina').textContent(), SLOW).toBe('0.0 Hz');
    await senses.click();
    await expect.poll(() => senses.isChecked(), SLOW).toBe(false);
    // 256 sources at 20 Hz, read over a quarter second: 1,280 spikes, sd 36, so 20 +- 3 Hz.
    await expect.poll(retinaRate, SLOW).toBeGreaterThan(14);
    expect(await retinaRate()).toBeLessThan(26);
  });

  it('follows a resize to a 960 x 600 window: the canvas takes the new size of the raster box, in pixels, and keeps drawing', async () => {
    await page.setViewportSize({ width: 960, height: 600 });
    const mismatch = () =>
      page.evaluate(() => {
        const host = document.querySelector('.raster') as HTMLElement;
        const canvas = host.querySelector('canvas') as HTMLCanvasElement;
        return [canvas.width - host.clientWidth, canvas.height - host.clientHeight];
      });
    await expect.poll(mismatch, SLOW).toEqual([0, 0]);
    const before = await classifyPixels(page, raster(), colors);
    await expect.poll(async () => changedPixels(before, await classifyPixels(page, raster(), colors)), SLOW).toBeGreaterThan(500);
  });

  it('a genome with a negative population size shows the error banner naming populations[0].size, and the network keeps running', async () => {
    const broken = { format: 'neuroplay-genome', version: 1, seed: 1, populations: [{ name: 'E', size: -5, sign: 'excitatory', neuron: { model: 'lif' } }] };
    const before = await stats();
    await page.evaluate((genome) => window.__neuroplay?.load(genome), broken);
    const banner = page.getByRole('alert');
    await expect.poll(() => banner.textContent(), SLOW).toContain('populations[0].size');
    expect(await banner.textContent()).toContain('Invalid genome');
    await expect.poll(async () => (await stats()).simTimeMs, SLOW).toBeGreaterThan(before.simTimeMs + 100);
    expect((await stats()).runState).toBe('running');
    await expect(raster().count()).resolves.toBe(1);
    await page.screenshot({ path: `${ARTEFACTS}/page-error.png` });

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => banner.count()).toBe(0);
  });

  it('opens another experiment from the gallery: CUBA grows 4,000 neurons and the synapses its genome draws (about 80 in per neuron) and runs', async () => {
    const cuba = buildConnectome(parseGenome(PRESETS.cuba.genome({})));
    const synapses = countSynapses(cuba);
    expect(Math.abs(synapses / 320_000 - 1)).toBeLessThan(0.01);
    const gallery = page.getByRole('combobox', { name: 'Experiment' });
    await gallery.selectOption('cuba');
    await expect.poll(() => page.getByTestId('neurons').textContent(), SLOW).toBe('4,000');
    await expect.poll(() => page.getByTestId('synapses').textContent(), SLOW).toBe(synapses.toLocaleString('en-US'));
    await expect.poll(async () => (await stats()).runState, SLOW).toBe('running');
    await expect.poll(async () => (await stats()).simTimeMs, SLOW).toBeGreaterThan(50);
  });

  it('grows CUBA again from seed 2 (another draw of synapses) and Reset starts it over at 0 ms', async () => {
    const seed2 = countSynapses(buildConnectome(parseGenome(PRESETS.cuba.genome({ seed: 2 }))));
    expect(seed2).not.toBe(countSynapses(buildConnectome(parseGenome(PRESETS.cuba.genome({})))));
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('2');
    await expect.poll(() => page.getByTestId('synapses').textContent(), SLOW).toBe(seed2.toLocaleString('en-US'));
    await expect.poll(async () => (await stats()).simTimeMs, SLOW).toBeGreaterThan(200);
    const before = (await stats()).simTimeMs;
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await stats()).simTimeMs, SLOW).toBeLessThan(before);
    expect(await page.getByTestId('synapses').textContent()).toBe(seed2.toLocaleString('en-US'));
  });

  it('logs no console errors over the whole visit (0 expected: the broken genome is reported on the page, not thrown)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
