/**
 * The production site for the browser tests and the page benchmark: built
 * with Vite's JS API into a temporary folder and served by `vite preview` on
 * a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Site {
  url: string;
  /** The built site, as `npm run build` writes dist/; removed by close(). */
  outDir: string;
  close(): Promise<void>;
}

export async function serveBuiltSite(): Promise<Site> {
  const outDir = mkdtempSync(join(tmpdir(), 'neuroplay-site-'));
  // Vitest sets NODE_ENV=test; the build must see production to bundle React's production build, as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: REPO_ROOT, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root: REPO_ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started without a local URL');
  return {
    url,
    outDir,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
