/**
 * The Diehl & Cook network grown for a dataset's image size, and its frozen
 * twin for labelling and testing: the same genome with learning switched off
 * (eta_post 0, theta_plus 0 and the slowest threshold decay the schema
 * allows), so the state learned in training can be restored into it.
 */
import { LIMITS, parseGenome, projectionName, type Genome, type GenomeInput } from '@/model';
import { digitsGenome, type DigitsInput } from '@/model/presets/digits';
import { buildConnectome, type Connectome, type Engine } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { findRetina, type Retina } from '@/stimuli';
import type { NeuronRange } from '../present';

/** Builds an engine from a grown connectome; the CPU reference engine unless told otherwise. */
export type EngineFactory = (connectome: Connectome) => Engine;

export const cpuEngine: EngineFactory = (connectome) => new CpuEngine(connectome);

/** One grown network and where the protocol reads and writes it. */
export interface DigitsNetwork {
  genome: Genome;
  engine: Engine;
  retina: Retina;
  /** The excitatory layer, whose spikes are the answer. */
  excitatory: NeuronRange;
  /** Index of the plastic retina -> Ae projection. */
  inputProjection: number;
}

/** Longest threshold decay the schema accepts, ms (plasticity.ts): over a 350 ms image theta keeps 1 - 3.5e-6 of itself. */
const FROZEN_THETA_TAU_MS = 1e8;

/** The genome with every learning rate at zero: weights and thresholds stay where a restored state puts them. */
export function frozenGenome(input: GenomeInput): GenomeInput {
  return {
    ...input,
    populations: input.populations.map((p) =>
      p.adaptive_threshold ? { ...p, adaptive_threshold: { theta_plus_mV: 0, tau_theta_ms: FROZEN_THETA_TAU_MS } } : p,
    ),
    projections: (input.projections ?? []).map((p) => (p.plasticity?.rule === 'diehl_cook' ? { ...p, plasticity: { ...p.plasticity, eta_post: 0 } } : p)),
  };
}

function grow(input: GenomeInput, createEngine: EngineFactory): DigitsNetwork {
  const genome = parseGenome(input);
  const connectome = buildConnectome(genome);
  const ae = connectome.populations.find((p) => p.name === 'Ae')!;
  return {
    genome,
    engine: createEngine(connectome),
    retina: findRetina(genome),
    excitatory: { start: ae.start, size: ae.size },
    inputProjection: genome.projections.findIndex((p) => projectionName(p) === 'retina->Ae'),
  };
}

/** The learning network and its frozen twin, `neurons` excitatory neurons, retina of the image size. */
export function growDigitsNetworks(neurons: number, seed: number, image: DigitsInput, createEngine: EngineFactory = cpuEngine): { learning: DigitsNetwork; frozen: DigitsNetwork } {
  if (!Number.isInteger(neurons) || neurons < 1 || neurons > LIMITS.maxPopulationCapacity) throw new RangeError(`neurons: must be a whole number in 1..${LIMITS.maxPopulationCapacity}, got ${neurons}`);
  const input = digitsGenome(neurons, seed, image);
  return { learning: grow(input, createEngine), frozen: grow(frozenGenome(input), createEngine) };
}
