/**
 * Reading the raster's pixels as a person sees them: a screenshot of the
 * canvas, decoded in the page, reduced to one class per pixel (0 for
 * anything else, p + 1 for the colour of population p).
 */
import type { Locator, Page } from 'playwright-core';

export interface PixelClasses {
  width: number;
  height: number;
  /** Row-major, one byte per pixel. */
  classes: Uint8Array;
}

/** Largest sum of |dR| + |dG| + |dB| at which a pixel still counts as a colour: spikes are drawn exactly, so a little slack is plenty. */
const COLOR_TOLERANCE = 24;

export async function classifyPixels(page: Page, element: Locator, colors: readonly number[]): Promise<PixelClasses> {
  const png = await element.screenshot();
  const result = await page.evaluate(
    async ([b64, palette, tolerance]) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      let text = '';
      for (let i = 0; i < width * height; i++) {
        let cls = 0;
        for (let c = 0; c < palette.length; c++) {
          const rgb = palette[c];
          const d = Math.abs(data[4 * i] - ((rgb >> 16) & 0xff)) + Math.abs(data[4 * i + 1] - ((rgb >> 8) & 0xff)) + Math.abs(data[4 * i + 2] - (rgb & 0xff));
          if (d <= tolerance) cls = c + 1;
        }
        text += String.fromCharCode(cls);
      }
      return { width, height, classes: btoa(text) };
    },
    [png.toString('base64'), [...colors], COLOR_TOLERANCE] as const,
  );
  return { width: result.width, height: result.height, classes: new Uint8Array(Buffer.from(result.classes, 'base64')) };
}

/** Pixels of each colour class 1..n. */
export function countClasses(pixels: PixelClasses, n: number): number[] {
  const counts = new Array<number>(n).fill(0);
  for (const cls of pixels.classes) if (cls > 0) counts[cls - 1]++;
  return counts;
}

/** Pixels whose class differs between two images of the same size. */
export function changedPixels(a: PixelClasses, b: PixelClasses): number {
  let changed = 0;
  for (let i = 0; i < a.classes.length; i++) if (a.classes[i] !== b.classes[i]) changed++;
  return changed;
}

/**
 * The horizontal shift k (-maxShift .. maxShift) that best maps `before` onto
 * `after` (after[x] = before[x + k]): k > 0 means the picture moved left.
 * Only spike pixels are compared, so an empty background cannot win.
 */
export function bestShift(before: PixelClasses, after: PixelClasses, maxShift: number): number {
  const { width, height } = before;
  let best = 0;
  let bestMismatch = Infinity;
  for (let k = -maxShift; k <= maxShift; k++) {
    let mismatch = 0;
    for (let y = 0; y < height; y++) {
      for (let x = maxShift; x < width - maxShift; x++) {
        const a = before.classes[y * width + x + k];
        const b = after.classes[y * width + x];
        if ((a > 0 || b > 0) && a !== b) mismatch++;
      }
    }
    if (mismatch < bestMismatch) {
      bestMismatch = mismatch;
      best = k;
    }
  }
  return best;
}
