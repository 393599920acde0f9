/**
 * Sensory deprivation: learn, then silence the senses and watch what the
 * network does on its own.
 * 1. Train: each pattern lights its assembly's retina inputs (the rest
 *    silent), shown in turn for `epochs` rounds; E's recurrent STDP binds
 *    each assembly.
 * 2. Measure the input once more with the senses on: every pattern once.
 * 3. Deprive: every sensor population's rate is set to 0; E is left with
 *    its background noise (not a sensor). For `durationMs` the activity of
 *    E is binned; each bin with at least `minBinSpikes` spikes is scored by
 *    replay.ts against the learned assemblies and against a shuffled
 *    baseline (neuron labels permuted, seeded).
 */
import { parseGenome } from '@/model';
import { DEPRIVATION_DEFAULT_SIZE, deprivationGenome, type DeprivationSize } from '@/model/presets/deprivation';
import { retinaRates } from '@/stimuli';
import { growLabNetwork, labCpuEngine, patternImage, showPattern, type LabEngineFactory } from '../trial';
import { range, shuffled } from '../order';
import type { MetricRecord, Progress, Schedule } from '../protocol';
import { assemblies, assemblyWeights, bestMatch, permuted } from './replay';

export const DEPRIVATION_SCHEDULE: Schedule = { presentation_ms: 200, rest_ms: 100 };

export interface DeprivationOptions {
  seed?: number;
  size?: DeprivationSize;
  /** Rounds of showing every pattern once. Default 10. */
  epochs?: number;
  /** Time with the senses silent, ms. Default 5000. */
  durationMs?: number;
  /** Replay bin, ms: about one replay burst (an assembly's members fire within ~20 ms of each other). Default 20. */
  binMs?: number;
  /** A bin with fewer E spikes is too sparse to say which neurons fired together and is not scored. Default 3. */
  minBinSpikes?: number;
  /** Bins per curve point. Default 25 (0.5 s at 20 ms). */
  binsPerPoint?: number;
  schedule?: Schedule;
  createEngine?: LabEngineFactory;
}

/** One stretch of the deprivation. */
export interface DeprivationPoint {
  /** End of the stretch, s after the senses went silent. */
  time_s: number;
  /** Mean rate of a retina input, Hz. */
  input_rate_hz: number;
  /** Mean rate of an E neuron, Hz. */
  spontaneous_rate_hz: number;
  /** Mean best correlation of the scored bins with a learned assembly, and with shuffled labels; NaN when no bin was scored. */
  replay_correlation: number;
  shuffled_correlation: number;
  scored_bins: number;
}

export interface DeprivationResult {
  /** Mean rate of a retina input while the patterns are shown, and after deprivation, Hz. */
  input_rate_before_hz: number;
  input_rate_after_hz: number;
  /** E's mean rate while the patterns are shown, Hz. */
  evoked_rate_hz: number;
  /** E's mean rate with the senses silent, Hz. */
  spontaneous_rate_hz: number;
  replay_correlation: number;
  shuffled_correlation: number;
  /** replay_correlation / shuffled_correlation. */
  replay_ratio: number;
  /** Bins scored, of all bins. */
  scored_bins: number;
  bins: number;
  /** Mean learned weight within an assembly and between assemblies, mV. */
  within_weight_mV: number;
  between_weight_mV: number;
  curve: DeprivationPoint[];
  metrics: MetricRecord[];
}

export async function runDeprivation(options: DeprivationOptions = {}, onProgress?: (progress: Progress) => void): Promise<DeprivationResult> {
  const seed = options.seed ?? 1;
  const size = options.size ?? DEPRIVATION_DEFAULT_SIZE;
  const epochs = options.epochs ?? 10;
  const durationMs = options.durationMs ?? 5000;
  const binMs = options.binMs ?? 20;
  const minBinSpikes = options.minBinSpikes ?? 3;
  const binsPerPoint = options.binsPerPoint ?? 25;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs: must be a whole number >= 0, got ${epochs}`);
  if (!(binMs > 0 && durationMs >= binMs)) throw new RangeError(`binMs, durationMs: need 0 < binMs <= durationMs, got ${binMs} and ${durationMs}`);
  const input = deprivationGenome(seed, size);
  const genome = parseGenome(input);
  const network = growLabNetwork(input, options.schedule ?? DEPRIVATION_SCHEDULE, options.createEngine ?? labCpuEngine);
  const { engine, retina } = network.stage;
  const e = network.populations.get('E');
  if (!e) throw new Error('populations: the deprivation genome needs a population "E"');
  const ePopulation = genome.populations.findIndex((p) => p.name === 'E');
  const k = size.neuronsPerPattern;
  const images = Array.from({ length: size.patterns }, (_, p) => patternImage(retina, range(k).map((i) => p * k + i), 0));
  const totalAll = epochs * size.patterns + size.patterns + Math.floor(durationMs / binMs);
  let doneAll = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const image of images) {
      const rates = await showPattern(network, image);
      doneAll++;
      onProgress?.({ phase: 'train', done: doneAll, total: epochs * size.patterns, doneAll, totalAll, metric: { name: 'E, evoked', value: rates.E, unit: 'Hz', samples: 1 } });
    }
  }

  // The senses on, measured: each pattern once, the frame covering exactly its presentation.
  const dtMs = genome.dt_ms;
  const presentationSteps = network.stage.steps.presentation;
  let inputSpikes = 0;
  let evokedSpikes = 0;
  await engine.readFrame();
  for (const image of images) {
    engine.setInputRates(retina.population, retinaRates(retina, image));
    engine.step(presentationSteps);
    const frame = await engine.readFrame();
    inputSpikes += frame.populationSpikes[retina.population];
    evokedSpikes += frame.populationSpikes[ePopulation];
    doneAll++;
  }
  const onSeconds = (size.patterns * presentationSteps * dtMs) / 1000;
  const retinaSize = retina.width * retina.height;

  // Deprivation: every sensor's population silent.
  for (const sensor of genome.sensors) engine.setInputRates(genome.populations.findIndex((p) => p.name === sensor.population), 0);
  const binSteps = Math.max(1, Math.round(binMs / dtMs));
  const bins = Math.floor(durationMs / binMs);
  const binSeconds = (binSteps * dtMs) / 1000;
  const learned = assemblies(size.patterns, k);
  const activity = new Float32Array(e.size);
  const shuffledActivity = new Float32Array(e.size);
  const curve: DeprivationPoint[] = [];
  let point = { input: 0, spikes: 0, replay: 0, shuffled: 0, scored: 0, bins: 0 };
  let total = { input: 0, spikes: 0, replay: 0, shuffled: 0, scored: 0 };
  await engine.readFrame();
  for (let bin = 0; bin < bins; bin++) {
    engine.step(binSteps);
    const frame = await engine.readFrame();
    activity.fill(0);
    let spikes = 0;
    for (const neuron of frame.spikeNeuron) {
      const j = neuron - e.start;
      if (j >= 0 && j < e.size) {
        activity[j]++;
        spikes++;
      }
    }
    point.input += frame.populationSpikes[retina.population];
    point.spikes += spikes;
    point.bins++;
    const real = spikes >= minBinSpikes ? bestMatch(activity, learned) : NaN;
    // A bin where every neuron fired equally (NaN) says nothing of which fired together: it is not scored, like a sparse one.
    if (!Number.isNaN(real)) {
      const control = bestMatch(permuted(activity, shuffled(range(e.size), seed, bin), shuffledActivity), learned);
      point.replay += real;
      point.shuffled += control;
      point.scored++;
    }
    doneAll++;
    if (point.bins === binsPerPoint || bin === bins - 1) {
      const seconds = point.bins * binSeconds;
      const p: DeprivationPoint = {
        time_s: (bin + 1) * binSeconds,
        input_rate_hz: point.input / retinaSize / seconds,
        spontaneous_rate_hz: point.spikes / e.size / seconds,
        replay_correlation: point.replay / point.scored,
        shuffled_correlation: point.shuffled / point.scored,
        scored_bins: point.scored,
      };
      curve.push(p);
      total = { input: total.input + point.input, spikes: total.spikes + point.spikes, replay: total.replay + point.replay, shuffled: total.shuffled + point.shuffled, scored: total.scored + point.scored };
      point = { input: 0, spikes: 0, replay: 0, shuffled: 0, scored: 0, bins: 0 };
      onProgress?.({ phase: 'deprive', done: bin + 1, total: bins, doneAll, totalAll, metric: { name: 'replay correlation', value: p.replay_correlation, unit: '', samples: p.scored_bins } });
    }
  }

  const offSeconds = bins * binSeconds;
  const weights = assemblyWeights(await engine.snapshot(), engine.connectome, ePopulation, k);
  const result = {
    input_rate_before_hz: inputSpikes / retinaSize / onSeconds,
    input_rate_after_hz: total.input / retinaSize / offSeconds,
    evoked_rate_hz: evokedSpikes / e.size / onSeconds,
    spontaneous_rate_hz: total.spikes / e.size / offSeconds,
    replay_correlation: total.replay / total.scored,
    shuffled_correlation: total.shuffled / total.scored,
  };
  const replay_ratio = result.replay_correlation / result.shuffled_correlation;
  const metric = (name: string, value: number, unit: string, samples: number): MetricRecord => ({ name, value, unit, samples });
  return {
    ...result,
    replay_ratio,
    scored_bins: total.scored,
    bins,
    ...weights,
    curve,
    metrics: [
      metric('retina input, senses on', result.input_rate_before_hz, 'Hz', size.patterns),
      metric('retina input, deprived', result.input_rate_after_hz, 'Hz', bins),
      metric('E spontaneous rate', result.spontaneous_rate_hz, 'Hz', bins),
      metric('replay correlation', result.replay_correlation, '', total.scored),
      metric('shuffled correlation', result.shuffled_correlation, '', total.scored),
      metric('replay ratio', replay_ratio, '', total.scored),
    ],
  };
}
