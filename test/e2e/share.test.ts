/**
 * Sharing and keeping experiments in headless Chromium (CPU engine): a link
 * made by the Share button opens in fresh browsers with the same first
 * half second of spikes as the CPU engine in Node; a broken link says what
 * is wrong, keeps the address and runs the default; a reload offers the
 * autosave and restores the learned state exactly; an exported file opened
 * in a fresh browser continues the run spike for spike.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing } from '@/cli/chromium';
import { serveBuiltSite, type Site } from '@/cli/site';
import { decodeShareHash } from '@/model';
import { FIRST_STEPS } from '@/ui/debug-handle';
import { paletteItemsFromFiles } from './palette';
import { ARTEFACTS, dragOnto, openPage, type Playground } from './playground';
import { HostHarness } from '../worker/host-harness';
import { programFor, sensorSites } from '@/ui/stimuli/catalog';

const missing = chromiumMissing();
const SLOW = { timeout: 20_000 };

const stats = (page: Page) => page.evaluate(() => window.__neuroplay!.stats());
const firstSpikes = async (page: Page): Promise<string[]> => {
  await expect.poll(() => page.evaluate(() => window.__neuroplay!.watchedSpikes().complete), SLOW).toBe(true);
  return (await page.evaluate(() => window.__neuroplay!.watchedSpikes())).spikes;
};
const digest = (page: Page) => page.evaluate(() => window.__neuroplay!.stateDigest());

describe.skipIf(missing !== null)('sharing and keeping experiments in Chromium', () => {
  let site: Site;
  const open: Playground[] = [];
  const consoleErrors: string[] = [];
  const visit = async (url: string) => {
    const playground = await openPage(url, { webgpu: false });
    open.push(playground);
    return playground;
  };
  /** Each page runs its own network on the same two cores: close those a test is done with. */
  const closeAll = async (keep?: Playground) => {
    for (const playground of open.splice(0)) {
      if (playground === keep) open.push(playground);
      else {
        consoleErrors.push(...playground.consoleErrors);
        await playground.close();
      }
    }
  };

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    site = await serveBuiltSite();
  });

  afterAll(async () => {
    for (const playground of open) await playground.close();
    await site?.close();
  });

  it(`a link made by Share (playground, seed 5, Digit 3 on the retina) opens in two fresh browsers with the same first ${FIRST_STEPS} steps of spikes, equal to the CPU engine's in Node`, async () => {
    const sender = await visit(`${site.url}#preset=playground&seed=5`);
    await expect.poll(() => sender.page.locator('[data-stimulus="digit-3"]').count(), SLOW).toBe(1);
    await expect.poll(async () => (await stats(sender.page)).runState, SLOW).toBe('running');
    await dragOnto(sender.page, 'digit-3', 'retina');
    await expect.poll(() => sender.page.locator('.bench-message').textContent(), SLOW).toBe('Digit 3 is on retina');
    await sender.page.getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => sender.page.url(), SLOW).toContain('#x=1.');
    const link = sender.page.url();
    const decoded = decodeShareHash(new URL(link).hash);
    if (decoded.kind !== 'experiment') throw new Error(`the link decodes to ${decoded.kind}`);
    expect([decoded.experiment.genome.seed, decoded.experiment.bindings]).toEqual([5, [{ sensor: 'retina', stimulus: 'digit-3' }]]);

    const [one, two] = await Promise.all([visit(link), visit(link)]);
    const [spikesOne, spikesTwo] = await Promise.all([firstSpikes(one.page), firstSpikes(two.page)]);

    // The same experiment on the CPU engine in Node: grown, Digit 3 bound at step 0, FIRST_STEPS steps.
    const reference = new HostHarness();
    await reference.send({ type: 'load', genome: decoded.experiment.genome });
    const site3 = sensorSites(decoded.experiment.genome).find((s) => s.sensor.name === 'retina')!;
    const digit3 = paletteItemsFromFiles().find((item) => item.id === 'digit-3')!;
    await reference.send({ type: 'bind', sensor: 'retina', program: programFor(digit3, site3.shape) });
    await reference.send({ type: 'step', steps: FIRST_STEPS });
    const frame = reference.last('frame');
    const expected = Array.from(frame.spikeNeuron, (n, k) => `${frame.spikeStep[k]}:${n}`);

    expect(expected.length).toBeGreaterThan(1000);
    expect(spikesOne).toEqual(expected);
    expect(spikesTwo).toEqual(expected);
    await closeAll();
  });

  it('a broken link says what is wrong, keeps the address, and runs the default experiment (1,320 neurons)', async () => {
    const broken = `${site.url}#x=1.not-a-real-link`;
    const { page } = await visit(broken);
    const banner = page.locator('.error-banner');
    await expect.poll(() => banner.textContent(), SLOW).toContain('This experiment could not be opened');
    expect(await banner.textContent()).toContain('The default experiment runs instead');
    await expect.poll(() => page.getByTestId('neurons').textContent(), SLOW).toBe('1,320');
    await expect.poll(async () => (await stats(page)).runState, SLOW).toBe('running');
    expect(page.url()).toBe(broken);
    await page.screenshot({ path: `${ARTEFACTS}/broken-link.png` });
    await closeAll();
  });

  it('a link from a newer Neuroplay says so', async () => {
    const { page } = await visit(`${site.url}#x=2.AAAA`);
    await expect.poll(() => page.locator('.error-banner').textContent(), SLOW).toMatch(/newer version of Neuroplay/);
    await closeAll();
  });

  let keeper: Playground;
  let saved: { digest: string; simTimeMs: number };

  it('after learning, a reload offers the autosave, and Continue restores the learned state exactly (same state digest), paused where it was saved', async () => {
    keeper = await visit(site.url);
    const { page } = keeper;
    await expect.poll(async () => (await stats(page)).simTimeMs, SLOW).toBeGreaterThan(800);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await stats(page)).runState, SLOW).toBe('paused');
    saved = { digest: await digest(page), simTimeMs: (await stats(page)).simTimeMs };
    await page.evaluate(() => window.__neuroplay!.flushAutosave());

    await page.reload();
    const offer = page.getByRole('region', { name: 'Continue where you left off' });
    await expect.poll(() => offer.count(), SLOW).toBe(1);
    await page.screenshot({ path: `${ARTEFACTS}/resume-offer.png` });
    await offer.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(async () => (await stats(page)).simTimeMs, SLOW).toBe(saved.simTimeMs);
    expect((await stats(page)).runState).toBe('paused');
    expect(await digest(page)).toBe(saved.digest);
  });

  it('an exported file opened in a fresh browser continues the run spike for spike (3,000 steps after the saved one)', async () => {
    const { page } = keeper;
    await page.getByRole('tab', { name: 'Saved' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export file' }).click()]);
    const file = `${ARTEFACTS}/exported.neuroplay`;
    await download.saveAs(file);
    // The same experiment as a Brian2 script: the playground's dopamine-gated STDP, Vogels rule, structure and births are named as not carried over.
    const exporter = page.getByRole('group', { name: 'Export to a simulator' });
    const exportScript = () => Promise.all([page.waitForEvent('download'), exporter.getByRole('button', { name: 'Export script' }).click()]).then(([download]) => download);
    await exporter.getByLabel('Simulator').selectOption('brian2');
    await exporter.getByLabel('with the learned state').uncheck();
    const script = await exportScript();
    const python = readFileSync(await script.path(), 'utf8');
    expect(python.startsWith('#!/usr/bin/env python3')).toBe(true);
    expect(python).toContain('NOT EXPORTED');
    await expect.poll(() => page.locator('.library [role="status"]').textContent(), SLOW).toMatch(/^Exported; not carried over: .*three-factor modulation/);
    // As PyNN with the learned state: one zip of the script and the .npz (numpy's zip of .npy arrays) it loads from beside itself.
    await exporter.getByLabel('Simulator').selectOption('pynn');
    await exporter.getByLabel('with the learned state').check();
    const bundle = await exportScript();
    expect(bundle.suggestedFilename()).toMatch(/-pynn\.zip$/);
    const stem = bundle.suggestedFilename().replace(/-pynn\.zip$/, '');
    const files = unzipSync(readFileSync(await bundle.path()));
    expect(Object.keys(files).sort()).toEqual([`${stem}-state.npz`, `${stem}.py`]);
    const pynn = strFromU8(files[`${stem}.py`]);
    expect(pynn).toMatch(/import pyNN|pyNN\./);
    expect(pynn).toContain(`${stem}-state.npz`);
    expect(Object.keys(unzipSync(files[`${stem}-state.npz`]))).toEqual(expect.arrayContaining(['population0_v.npy', 'projection0_w.npy']));
    await expect.poll(() => page.locator('.library [role="status"]').textContent(), SLOW).toMatch(/^Exported; not carried over: .*three-factor modulation of STDP \(dopamine\) is not exported \(no PyNN equivalent\)/);

    const fresh = await visit(site.url);
    await expect.poll(async () => (await stats(fresh.page)).runState, SLOW).toBe('running');
    await fresh.page.getByRole('tab', { name: 'Saved' }).click();
    await fresh.page.locator('.library input[type="file"]').setInputFiles(file);
    await expect.poll(async () => (await stats(fresh.page)).simTimeMs, SLOW).toBe(saved.simTimeMs);
    expect((await stats(fresh.page)).runState).toBe('paused');
    expect(await digest(fresh.page)).toBe(saved.digest);

    const from = Math.round(saved.simTimeMs * 10);
    for (const { page: each } of [keeper, fresh]) {
      await each.evaluate(([a, b]) => window.__neuroplay!.watchSpikes(a, b), [from, from + 3000]);
      await each.getByRole('button', { name: 'Run' }).click();
    }
    const [sender, receiver] = await Promise.all([firstSpikes(page), firstSpikes(fresh.page)]);
    expect(sender.length).toBeGreaterThan(100);
    expect(receiver).toEqual(sender);
  });

  it('logs no console errors in any of the browsers', async () => {
    await closeAll();
    // The broken links are reported on the page, not thrown.
    expect(consoleErrors).toEqual([]);
  });
});
