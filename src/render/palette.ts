/**
 * Colours of the raster and its legend. A population's colour says what it
 * is: sensors teal / lime, excitatory warm, inhibitory cool; several
 * populations of one kind take the next shade of their family.
 */
import type { PopulationLayout } from '@/sim';

/** Raster background, 0xRRGGBB. */
export const BACKGROUND = 0x0b0e14;
/** Lines between population bands. */
export const SEPARATOR = 0x262b36;
/** How much of a population's colour tints the background of its band (0..1): just enough to tell bands apart. */
export const BAND_TINT = 0.04;

const FAMILIES = {
  sensor: [0x2dd4bf, 0xa3e635, 0x22d3ee],
  excitatory: [0xfb923c, 0xf43f5e, 0xfacc15],
  inhibitory: [0x60a5fa, 0xa78bfa, 0xe879f9],
} as const;

type Family = keyof typeof FAMILIES;

function familyOf(population: PopulationLayout): Family {
  return population.role === 'sensor' ? 'sensor' : population.sign;
}

/** One colour per population, 0xRRGGBB, in population order. */
export function populationColors(populations: readonly PopulationLayout[]): number[] {
  const used: Record<Family, number> = { sensor: 0, excitatory: 0, inhibitory: 0 };
  return populations.map((population) => {
    const family = FAMILIES[familyOf(population)];
    return family[used[familyOf(population)]++ % family.length];
  });
}

/** `a` moved toward `b` by `t` (0..1), per channel. */
export function mixColor(a: number, b: number, t: number): number {
  const channel = (shift: number) => Math.round(((a >> shift) & 0xff) * (1 - t) + ((b >> shift) & 0xff) * t);
  return (channel(16) << 16) | (channel(8) << 8) | channel(0);
}

/** 0xRRGGBB -> "#rrggbb" for CSS. */
export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}
