/**
 * Where each neuron is drawn in the raster: populations in genome order, top
 * to bottom, each in its own band of rows, separated by a line. A band's
 * height follows the population's capacity, with a floor so a small
 * population (a few output neurons) stays visible next to a large one.
 */
import type { PopulationLayout } from '@/sim';
import { BACKGROUND, BAND_TINT, mixColor, SEPARATOR } from './palette';

/** Smallest share of the rows a band gets, whatever its population's size. */
export const MIN_BAND_SHARE = 0.08;
/** Rows of separator line between two bands. */
export const SEPARATOR_ROWS = 1;

export interface RowLayout {
  height: number;
  /** First row of each neuron, by global neuron index. */
  neuronRow: Uint32Array;
  /** Rows a neuron covers from its first row: 0 when its band has no room, more than 1 when it has fewer neurons than rows. */
  neuronRowSpan: Uint16Array;
  /** Spike colour of each row as an RGBA word (see `rgbaWord`). */
  rowSpike: Uint32Array;
  /** Background colour of each row as an RGBA word. */
  rowBackground: Uint32Array;
}

/**
 * A colour as the Uint32 whose little-endian bytes are R, G, B, A = 255, the
 * byte order of an `rgba8unorm` texture viewed through a Uint32Array (every
 * browser platform is little-endian).
 */
export function rgbaWord(color: number): number {
  return ((0xff << 24) | ((color & 0xff) << 16) | (color & 0xff00) | ((color >> 16) & 0xff)) >>> 0;
}

/** Rows per band: `height` minus the separators, shared by capacity above a floor of MIN_BAND_SHARE each. */
export function allocateRows(capacities: readonly number[], height: number): number[] {
  const n = capacities.length;
  if (n === 0) return [];
  const free = Math.max(0, height - SEPARATOR_ROWS * (n - 1));
  const floor = Math.min(Math.floor(free / n), Math.max(1, Math.round(free * MIN_BAND_SHARE)));
  const extra = free - floor * n;
  const total = capacities.reduce((sum, c) => sum + c, 0);
  const rows = capacities.map((c) => floor + (total > 0 ? Math.floor((extra * c) / total) : 0));
  // Rounding down leaves a few rows over: they go to the largest population.
  const largest = capacities.indexOf(Math.max(...capacities));
  rows[largest] += free - rows.reduce((sum, r) => sum + r, 0);
  return rows;
}

export function layoutRows(populations: readonly PopulationLayout[], colors: readonly number[], height: number): RowLayout {
  const neuronCount = populations.reduce((end, p) => Math.max(end, p.start + p.capacity), 0);
  const layout: RowLayout = {
    height,
    neuronRow: new Uint32Array(neuronCount),
    neuronRowSpan: new Uint16Array(neuronCount),
    rowSpike: new Uint32Array(height),
    rowBackground: new Uint32Array(height).fill(rgbaWord(SEPARATOR)),
  };
  const bandRows = allocateRows(
    populations.map((p) => p.capacity),
    height,
  );
  let bandStart = 0;
  populations.forEach((population, p) => {
    const rows = bandRows[p];
    layout.rowSpike.fill(rgbaWord(colors[p]), bandStart, bandStart + rows);
    layout.rowBackground.fill(rgbaWord(mixColor(BACKGROUND, colors[p], BAND_TINT)), bandStart, bandStart + rows);
    for (let j = 0; j < population.capacity; j++) {
      const first = Math.floor((j * rows) / population.capacity);
      const next = Math.floor(((j + 1) * rows) / population.capacity);
      layout.neuronRow[population.start + j] = Math.min(height - 1, bandStart + first);
      layout.neuronRowSpan[population.start + j] = rows === 0 ? 0 : Math.max(1, next - first);
    }
    bandStart += rows + SEPARATOR_ROWS;
  });
  return layout;
}
