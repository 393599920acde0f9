/**
 * The `mnist` package's digits for tests, read with Node's require as the
 * CLI reads them: an import() would run 21 MB of JSON through Vite's
 * transform (about 15 s), where require parses it in under a second.
 * Loaded once per test file.
 */
import { createRequire } from 'node:module';
import { mnistPackageDataset, type ImageDataset } from '@/stimuli';

const require = createRequire(import.meta.url);

let cached: ImageDataset | undefined;

export function mnistDigits(): ImageDataset {
  cached ??= mnistPackageDataset(Array.from({ length: 10 }, (_, d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data));
  return cached;
}
