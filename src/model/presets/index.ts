/** Named experiments: `npm run sim -- <name>` and the playground's gallery. */
import type { GenomeInput } from '../schema';
import { cubaGenome, CUBA_DEFAULT_NEURONS } from './cuba';
import { balancedGenome, BALANCED_DEFAULT_NEURONS } from './balanced';
import { conditioningGenome } from './conditioning';
import { deprivationGenome } from './deprivation';
import { DIGITS_DEFAULT_NEURONS, digitsGenome } from './digits';
import { noveltyGenome } from './novelty';
import { playgroundGenome } from './playground';
import { pruningGenome } from './pruning';
import { punishmentGenome } from './punishment';

export interface Preset {
  name: string;
  title: string;
  /** Paper or source the preset follows. */
  cites: string;
  /** Neuron count used when none is asked for, for presets that rescale with `neurons`; absent for fixed-size ones. */
  defaultNeurons?: number;
  genome(options: { neurons?: number; seed?: number }): GenomeInput;
}

export const PRESETS: Record<string, Preset> = {
  playground: {
    name: 'playground',
    title: 'Playground: three senses and a cortex that grows, learns and is born',
    cites: 'STDP (Song, Miller & Abbott 2000), dopamine-gated eligibility (Izhikevich 2007), inhibitory plasticity (Vogels et al. 2011), structural plasticity and neurogenesis',
    genome: ({ seed }) => playgroundGenome(seed),
  },
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
  digits: {
    name: 'digits',
    title: 'Unsupervised digits: STDP, adaptive thresholds and winner-take-all on a 28x28 Poisson retina',
    cites: 'Diehl & Cook (2015), Front. Comput. Neurosci. 9:99',
    defaultNeurons: DIGITS_DEFAULT_NEURONS,
    genome: ({ neurons, seed }) => digitsGenome(neurons, seed),
  },
  conditioning: {
    name: 'conditioning',
    title: 'Reward conditioning: two stimuli, two outputs, dopamine when the right one wins',
    cites: 'Izhikevich (2007), Cereb. Cortex 17:2443 (dopamine-gated eligibility traces)',
    genome: ({ seed }) => conditioningGenome(seed),
  },
  punishment: {
    name: 'punishment',
    title: 'Punishment: an inhibitory aversion population learns what to suppress',
    cites: 'three-factor STDP gated by an aversive signal (Fremaux & Gerstner 2016, Front. Neural Circuits 9:85)',
    genome: ({ seed }) => punishmentGenome(seed),
  },
  novelty: {
    name: 'novelty',
    title: 'Novelty: new patterns pass, repeats habituate, a partial match drives the mismatch response',
    cites: 'novelty and mismatch signals (Kumaran & Maguire 2007, PLoS Biol. 5:e50)',
    genome: ({ seed }) => noveltyGenome(seed),
  },
  deprivation: {
    name: 'deprivation',
    title: 'Sensory deprivation: after learning the senses go silent; what does the network do on its own?',
    cites: 'replay of learned sequences in spontaneous activity (Wilson & McNaughton 1994, Science 265:676)',
    genome: ({ seed }) => deprivationGenome(seed),
  },
  pruning: {
    name: 'pruning',
    title: 'Pruning: weak synapses pulled to zero and removed while the network keeps its answers',
    cites: 'synaptic pruning under an L1-like decay (Chechik, Meilijson & Ruppin 1998, Neural Comput. 10:1759)',
    genome: ({ seed }) => pruningGenome(seed),
  },
};

/** The experiment the playground opens with. */
export const DEFAULT_PRESET = 'playground';

export { cubaGenome, CUBA_DEFAULT_NEURONS, CUBA_IN_DEGREE } from './cuba';
export { playgroundGenome, PLAYGROUND } from './playground';
export { balancedGenome, BALANCED_DEFAULT_NEURONS } from './balanced';
