/** Our engine on the CUBA network, timed as the benchmark needs it. */
import { cubaGenome, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { engineFactory } from './engines';
import { countSynapses } from './report';
import { chunkSteps, runInChunks, stepsFor } from './run';

export interface OurCubaResult {
  neurons: number;
  synapses: number;
  /** Growing the connectome, s. */
  buildS: number;
  /** Wall time of the step loop of each repeat, s. */
  runS: number[];
  /** Median of runS. */
  medianRunS: number;
  simulatedS: number;
  spikes: number;
  synapticEvents: number;
  meanRateHz: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Grows CUBA at `neurons` once and runs it `repeats` times from the same
 * start on fresh CPU engines (no spike recording, as a benchmark should);
 * every repeat is the same deterministic run, so only the time varies.
 * `onRepeat` hears each repeat's start, for progress.
 */
export async function runOurCuba(neurons: number, durationS: number, seed: number, repeats: number, onRepeat: (repeat: number) => void = () => {}): Promise<OurCubaResult> {
  const genome = parseGenome(cubaGenome(neurons, seed));
  const buildStart = performance.now();
  const connectome = buildConnectome(genome);
  const buildS = (performance.now() - buildStart) / 1000;
  const createEngine = await engineFactory('cpu');
  const steps = stepsFor(durationS, genome.dt_ms);
  const runS: number[] = [];
  let spikes = 0;
  let synapticEvents = 0;
  for (let r = 0; r < repeats; r++) {
    onRepeat(r);
    const engine = await createEngine(connectome, { recordSpikes: false });
    const totals = await runInChunks(engine, connectome.populations.length, steps, chunkSteps(genome.dt_ms));
    runS.push(totals.wallS);
    spikes = totals.populationSpikes.reduce((a, b) => a + b, 0);
    synapticEvents = totals.synapticEvents;
  }
  const simulatedS = (steps * genome.dt_ms) / 1000;
  return { neurons, synapses: countSynapses(connectome), buildS, runS, medianRunS: median(runS), simulatedS, spikes, synapticEvents, meanRateHz: spikes / (neurons * simulatedS) };
}
