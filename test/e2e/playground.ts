/**
 * One playground under test: the production build served, Chromium launched
 * (with or without WebGPU), a page opened on it collecting console errors,
 * and the handles both browser suites read.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { NeuroplayStats } from '@/ui/debug-handle';
import { launchChromium, type Browser } from './browser';
import { REPO_ROOT, serveBuiltSite, type Site } from './site';

export const ARTEFACTS = `${REPO_ROOT}/test-results`;

export interface Playground {
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  consoleErrors: string[];
  stats(): Promise<NeuroplayStats>;
  close(): Promise<void>;
}

export async function openPlayground(options: { webgpu: boolean }): Promise<Playground> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const site: Site = await serveBuiltSite();
  const browser: Browser = await launchChromium(options);
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(site.url);
  return {
    page,
    consoleErrors,
    stats: () => page.evaluate(() => window.__neuroplay!.stats()),
    async close() {
      await browser.close();
      await site.close();
    },
  };
}
