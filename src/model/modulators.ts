/** Global neuromodulators; each decays to 0 with its own time constant. Apart from the schema (zod), so the page's controls can name them without loading it. */
export const MODULATOR_NAMES = ['dopamine', 'aversion'] as const;
export type ModulatorName = (typeof MODULATOR_NAMES)[number];
