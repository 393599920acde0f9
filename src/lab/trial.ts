/**
 * A trial of a small learning experiment, shared by the conditioning,
 * punishment, novelty, deprivation and pruning protocols: a grown network whose retina takes a
 * pattern (lit inputs at the sensor's full rate, the others at a background
 * rate), shown once through `present` (no input raise; the retina is silent
 * during the rest), and its answer read as the rate of each population.
 * `present` gives the reward rule's pulse after the presentation and before
 * the rest, which is where a reward belongs: the trial's eligibility is
 * fresh and the rest gives the modulator time to act on it.
 */
import { parseGenome, type GenomeInput } from '@/model';
import { buildConnectome, type Connectome, type Engine } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { findRetina, MAX_INTENSITY, type Retina } from '@/stimuli';
import { present, type NeuronRange, type Stage } from './present';
import { scheduleSteps, type ModulatorPulse, type Response, type Schedule } from './protocol';

/** Builds an engine from a grown connectome. */
export type LabEngineFactory = (connectome: Connectome) => Engine;

/** The CPU reference engine. */
export const labCpuEngine: LabEngineFactory = (connectome) => new CpuEngine(connectome);

/** A grown network, ready to be shown patterns. */
export interface LabNetwork {
  /** `present`'s stage: its engine, the retina in, every population after the retina read out. */
  stage: Stage;
  /** Each read-out population's neurons (global indices), by name. */
  populations: Map<string, NeuronRange>;
  /** Presentation length, ms (whole steps). */
  presentationMs: number;
}

/**
 * Grows `input` and reads out every population that follows the retina; the
 * retina must come first in the genome so the read-out is one span.
 */
export function growLabNetwork(input: GenomeInput, schedule: Schedule, createEngine: LabEngineFactory = labCpuEngine): LabNetwork {
  const genome = parseGenome(input);
  const connectome = buildConnectome(genome);
  const retina = findRetina(genome);
  if (retina.population !== 0) throw new Error(`populations: the retina "${genome.populations[retina.population].name}" must be the first population`);
  const readout = connectome.populations.slice(1);
  const start = readout[0]?.start ?? connectome.neuronCount;
  const steps = scheduleSteps(schedule, genome.dt_ms);
  return {
    stage: {
      engine: createEngine(connectome),
      retina,
      readout: { start, size: connectome.neuronCount - start },
      steps,
      // One presentation, never raised: these protocols measure the answer to a fixed input.
      input: { maxRateHz: retina.maxRateHz, stepHz: 0, minSpikes: 0, maxPresentations: 1 },
      rates: new Float32Array(retina.width * retina.height),
    },
    populations: new Map(readout.map((p) => [p.name, { start: p.start, size: p.size }])),
    presentationMs: steps.presentation * genome.dt_ms,
  };
}

/** Rate of the retina inputs a pattern does not light, Hz: spontaneous activity, low enough that the weights it meets barely matter. */
export const BACKGROUND_HZ = 1;

/**
 * A retina image: intensity 255 (the sensor's full rate) on `lit` inputs and
 * `backgroundHz` elsewhere, as the nearest intensity level.
 */
export function patternImage(retina: Retina, lit: Iterable<number>, backgroundHz: number): Uint8Array {
  const pixels = retina.width * retina.height;
  const background = Math.round((backgroundHz / retina.maxRateHz) * MAX_INTENSITY);
  if (!(background >= 0 && background <= MAX_INTENSITY))
    throw new RangeError(`backgroundHz: ${backgroundHz} Hz is outside 0 .. ${retina.maxRateHz} Hz, the retina's full rate`);
  const image = new Uint8Array(pixels).fill(background);
  for (const i of lit) {
    if (!(Number.isInteger(i) && i >= 0 && i < pixels)) throw new RangeError(`pattern: input ${i} is not on the ${pixels}-input retina`);
    image[i] = MAX_INTENSITY;
  }
  return image;
}

/** Mean rate of each read-out population over one presentation, Hz per neuron, by name. */
export type PopulationRates = Record<string, number>;

/** A reward rule that reads the populations' rates: which pulse, if any, to give before the rest. */
export type RatesRewardRule = (rates: PopulationRates) => ModulatorPulse | undefined;

/** Each read-out population's mean rate from `present`'s counts (one per read-out neuron). */
export function populationRates(network: LabNetwork, counts: Float32Array): PopulationRates {
  const start = network.stage.readout.start;
  const seconds = network.presentationMs / 1000;
  const rates: PopulationRates = {};
  for (const [name, range] of network.populations) {
    let spikes = 0;
    for (let j = range.start - start; j < range.start - start + range.size; j++) spikes += counts[j];
    rates[name] = spikes / range.size / seconds;
  }
  return rates;
}

/** Shows `image` once (then the rest), giving `reward`'s pulse in between; returns each read-out population's rate. */
export async function showPattern(network: LabNetwork, image: Uint8Array, reward?: RatesRewardRule): Promise<PopulationRates> {
  const hooks = reward ? { afterPresentation: (response: Response) => reward(populationRates(network, response.counts)) } : {};
  return populationRates(network, (await present(network.stage, image, hooks)).counts);
}
