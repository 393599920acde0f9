/**
 * Headless Chromium as WEBGPU.md sets it up: the Debian package's binary,
 * no sandbox (CI runs as root), WebGPU on SwiftShader (or none), no
 * background network traffic, a fresh profile per run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the browser suites and the page benchmark cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\` (.ci/run does)`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * `webgpu`: with --enable-unsafe-webgpu, `navigator.gpu` gives a SwiftShader
 * adapter; without it, Chromium on Linux gives no adapter (requestAdapter
 * resolves to null), as a browser with WebGPU off does.
 */
export async function launchChromium({ webgpu }: { webgpu: boolean }): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'neuroplay-chromium-profile-'));
  // Playwright passes --headless and --user-data-dir itself (headless: true, the persistent context's folder).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', ...(webgpu ? ['--enable-unsafe-webgpu'] : []), '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 720 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A page in a fresh browser opened on `url`; console errors and uncaught page errors are pushed to `errors` as they come. */
export async function openChromiumPage(url: string, options: { webgpu: boolean }, errors: string[]): Promise<{ page: Page; close(): Promise<void> }> {
  const browser = await launchChromium(options);
  try {
    const page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    return { page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
