/** The palette as the page builds it, from the bundled digit files on disk: what a link's stimulus ids name. */
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '@/cli/site';
import { BUNDLED_DIGITS_URLS, parseBundledDigits } from '@/stimuli/bundled-digits';
import { builtInItems, digitItems, type PaletteItem } from '@/ui/stimuli/catalog';

export function paletteItemsFromFiles(): PaletteItem[] {
  const read = (path: string) => new Uint8Array(readFileSync(`${REPO_ROOT}/public/${path}`)).buffer;
  const dataset = parseBundledDigits(read(BUNDLED_DIGITS_URLS.images), read(BUNDLED_DIGITS_URLS.labels));
  const pixels = dataset.width * dataset.height;
  const images = Array.from({ length: dataset.labels.length }, (_, k) => dataset.images.subarray(k * pixels, (k + 1) * pixels));
  return [...digitItems(images, dataset.labels), ...builtInItems()];
}
