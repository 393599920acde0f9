/** The digits bundled under public/datasets (by `npm run datasets`), fetched from the site itself. */
import { BUNDLED_DIGITS_URLS, parseBundledDigits } from '@/stimuli/bundled-digits';
import type { ImageDataset } from '@/stimuli/dataset';

async function read(path: string): Promise<ArrayBuffer> {
  const response = await fetch(`${import.meta.env.BASE_URL}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.arrayBuffer();
}

let loading: Promise<ImageDataset> | null = null;

/** Fetched once per page, shared by the palette and the protocols. */
export function fetchBundledDigits(): Promise<ImageDataset> {
  loading ??= Promise.all([read(BUNDLED_DIGITS_URLS.images), read(BUNDLED_DIGITS_URLS.labels)]).then(([images, labels]) => parseBundledDigits(images, labels));
  // A failed fetch may be tried again.
  loading.catch(() => (loading = null));
  return loading;
}
