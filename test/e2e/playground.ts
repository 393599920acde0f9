/**
 * One playground under test: the production build served, Chromium launched
 * (with or without WebGPU), a page opened on it collecting console errors,
 * and the handles both browser suites read.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { NeuroplayStats } from '@/ui/debug-handle';
import { openChromiumPage } from '@/cli/chromium';
import { REPO_ROOT, serveBuiltSite, type Site } from '@/cli/site';
import { paletteItemsFromFiles } from './palette';

export const ARTEFACTS = `${REPO_ROOT}/test-results`;

export interface Playground {
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  consoleErrors: string[];
  stats(): Promise<NeuroplayStats>;
  close(): Promise<void>;
}

/** A page in a fresh browser (its own profile: no storage shared with any other), opened on `url`. */
export async function openPage(url: string, options: { webgpu: boolean }): Promise<Playground> {
  const consoleErrors: string[] = [];
  const { page, close } = await openChromiumPage(url, options, consoleErrors);
  return { page, consoleErrors, stats: () => page.evaluate(() => window.__neuroplay!.stats()), close };
}

export async function openPlayground(options: { webgpu: boolean }): Promise<Playground> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const site: Site = await serveBuiltSite();
  const playground = await openPage(site.url, options);
  return {
    ...playground,
    async close() {
      await playground.close();
      await site.close();
    },
  };
}

/**
 * One playground for a whole describe block: opened before its first test,
 * closed after its last; `opened` hands the test file its handles.
 */
export function playgroundForSuite(options: { webgpu: boolean }, opened: (playground: Playground) => void): void {
  let playground: Playground | undefined;
  beforeAll(async () => {
    playground = await openPlayground(options);
    opened(playground);
  });
  afterAll(async () => {
    await playground?.close();
  });
}

/**
 * Drags a palette stimulus onto a sensor with the mouse, as a person does:
 * press on the item, move in small steps past dnd-kit's 4 px activation
 * distance to the sensor's centre, release.
 */
export async function dragOnto(page: Page, stimulus: string, sensor: string): Promise<void> {
  const item = page.locator(`[data-stimulus="${stimulus}"]`);
  const target = page.locator(`[data-sensor="${sensor}"]`);
  await item.scrollIntoViewIfNeeded();
  const from = await item.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error(`dragOnto: ${stimulus} or ${sensor} is not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/**
 * The mean rate of a 28 x 28 rate-coded retina showing the palette's "Digit d"
 * (the first d of the bundled digits): mean intensity x the sensor's maximum.
 */
export function digitRateHz(digit: number, maxRateHz: number): number {
  const item = paletteItemsFromFiles().find((each) => each.id === `digit-${digit}`);
  if (item?.source.kind !== 'digit') throw new Error(`the palette has no Digit ${digit}`);
  const image = item.source.image;
  return (image.reduce((sum, v) => sum + v, 0) / 255 / image.length) * maxRateHz;
}
