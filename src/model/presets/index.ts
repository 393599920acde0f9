/** Named experiments: `npm run sim -- <name>` and the playground's gallery. */
import type { GenomeInput } from '../schema';
import { cubaGenome, CUBA_DEFAULT_NEURONS } from './cuba';
import { balancedGenome, BALANCED_DEFAULT_NEURONS } from './balanced';

export interface Preset {
  name: string;
  title: string;
  /** Paper or source the preset follows. */
  cites: string;
  /** Neuron count used when none is asked for; presets that rescale take `neurons`. */
  defaultNeurons: number;
  genome(options: { neurons?: number; seed?: number }): GenomeInput;
}

export const PRESETS: Record<string, Preset> = {
  balanced: {
    name: 'balanced',
    title: 'Balanced network driven by a Poisson retina',
    cites: 'Brunel (2000), J. Comput. Neurosci. 8:183 (sparsely connected E/I network)',
    defaultNeurons: BALANCED_DEFAULT_NEURONS,
    genome: ({ neurons, seed }) => balancedGenome(neurons, seed),
  },
  cuba: {
    name: 'cuba',
    title: 'CUBA benchmark network',
    cites: 'Vogels & Abbott (2005), J. Neurosci. 25:10786; Brian2 examples/CUBA.py',
    defaultNeurons: CUBA_DEFAULT_NEURONS,
    genome: ({ neurons, seed }) => cubaGenome(neurons, seed),
  },
};

/** The experiment the playground opens with. */
export const DEFAULT_PRESET = 'balanced';

export { cubaGenome, CUBA_DEFAULT_NEURONS, CUBA_IN_DEGREE } from './cuba';
export { balancedGenome, BALANCED_DEFAULT_NEURONS } from './balanced';
