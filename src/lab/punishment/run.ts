/**
 * Punishment: O's response to a punished stimulus P and an unpunished one U,
 * before and after training. Before: P and U shown alternately, no
 * modulator. Training: P and U alternately, an aversion pulse after every
 * showing of P (before the rest), none after U. After: as before. With no
 * aversion in the air the gated weights stay put, so the two test phases
 * measure the network without changing it (the last pulse has decayed by
 * e^-4 over the 800 ms rest).
 */
import { punishmentGenome, PUNISHMENT_DEFAULT_SIZE, type PunishmentSize } from '@/model/presets/punishment';
import { BACKGROUND_HZ, growLabNetwork, labCpuEngine, patternImage, showPattern, type LabEngineFactory } from '../trial';
import type { MetricRecord, Phase, Progress, Schedule } from '../protocol';

export const PUNISHMENT_SCHEDULE: Schedule = { presentation_ms: 200, rest_ms: 800 };

export interface PunishmentOptions {
  /** Seed of the network and its input spikes. Default 1. */
  seed?: number;
  size?: PunishmentSize;
  /** Punished showings of P (as many unpunished showings of U between them). Default 20. */
  punishments?: number;
  /** Showings of each stimulus in each test phase. Default 10. */
  testTrials?: number;
  /** Default 200 ms on, 800 ms rest. */
  schedule?: Schedule;
  /** Aversion added after each showing of P. Default 1; 0 is the control, P shown as often but never punished. */
  aversionLevel?: number;
  /** Rate of the inputs a stimulus does not light, Hz. Default BACKGROUND_HZ, 1 Hz. */
  backgroundHz?: number;
  createEngine?: LabEngineFactory;
}

/** Mean rate of a population over the showings of each stimulus, Hz per neuron. */
export interface StimulusResponses {
  punished: number;
  unpunished: number;
}

/** O's and the aversion population's response to P and U at one training showing pair. */
export interface PunishmentPoint {
  /** Punishments given so far (this one included). */
  punishments: number;
  output_punished_hz: number;
  output_unpunished_hz: number;
  aversion_punished_hz: number;
  aversion_unpunished_hz: number;
}

export interface PunishmentResult {
  /** O's response before and after training. */
  response_before_hz: StimulusResponses;
  response_after_hz: StimulusResponses;
  /** The aversion population's response before and after training. */
  aversion_before_hz: StimulusResponses;
  aversion_after_hz: StimulusResponses;
  /** After / before of O's response: how much of it each stimulus keeps. */
  punished_kept: number;
  unpunished_kept: number;
  punishments: number;
  testTrials: number;
  /** Responses during training, one point per punishment. */
  curve: PunishmentPoint[];
  metrics: MetricRecord[];
}

function count(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name}: must be a whole number >= 1, got ${n}`);
  return n;
}

export async function runPunishment(options: PunishmentOptions = {}, onProgress?: (progress: Progress) => void): Promise<PunishmentResult> {
  const seed = options.seed ?? 1;
  const size = options.size ?? PUNISHMENT_DEFAULT_SIZE;
  const punishments = count('punishments', options.punishments, 20);
  const testTrials = count('testTrials', options.testTrials, 10);
  const aversionLevel = options.aversionLevel ?? 1;
  if (!(aversionLevel >= 0)) throw new RangeError(`aversionLevel: must be >= 0, got ${aversionLevel}`);
  const network = growLabNetwork(punishmentGenome(seed, size), options.schedule ?? PUNISHMENT_SCHEDULE, options.createEngine ?? labCpuEngine);
  const k = size.inputsPerStimulus;
  const backgroundHz = options.backgroundHz ?? BACKGROUND_HZ;
  const [punishedImage, unpunishedImage] = [0, 1].map((s) => patternImage(network.stage.retina, Array.from({ length: k }, (_, i) => s * k + i), backgroundHz));

  const totalAll = 2 * (2 * testTrials + punishments);
  let doneAll = 0;
  const report = (phase: Phase, done: number, total: number, metric?: MetricRecord) => onProgress?.({ phase, done, total, doneAll: ++doneAll, totalAll, metric });

  /** Shows P and U alternately, testTrials times each, with no modulator; mean rates of O and the aversion population. */
  const test = async () => {
    const sum = { outputP: 0, outputU: 0, aversionP: 0, aversionU: 0 };
    for (let t = 0; t < testTrials; t++) {
      const p = await showPattern(network, punishedImage);
      report('test', 2 * t + 1, 2 * testTrials);
      const u = await showPattern(network, unpunishedImage);
      report('test', 2 * t + 2, 2 * testTrials);
      sum.outputP += p.O;
      sum.outputU += u.O;
      sum.aversionP += p.aversion;
      sum.aversionU += u.aversion;
    }
    return {
      output: { punished: sum.outputP / testTrials, unpunished: sum.outputU / testTrials },
      aversion: { punished: sum.aversionP / testTrials, unpunished: sum.aversionU / testTrials },
    };
  };

  const before = await test();
  const curve: PunishmentPoint[] = [];
  for (let t = 0; t < punishments; t++) {
    const p = await showPattern(network, punishedImage, () => ({ modulator: 'aversion', amount: aversionLevel }));
    report('train', 2 * t + 1, 2 * punishments);
    const u = await showPattern(network, unpunishedImage);
    const point = { punishments: t + 1, output_punished_hz: p.O, output_unpunished_hz: u.O, aversion_punished_hz: p.aversion, aversion_unpunished_hz: u.aversion };
    curve.push(point);
    report('train', 2 * t + 2, 2 * punishments, { name: "O's response to the punished stimulus", value: p.O, unit: 'Hz', samples: 1 });
  }
  const after = await test();

  const kept = (s: keyof StimulusResponses) => after.output[s] / before.output[s];
  const metric = (name: string, value: number): MetricRecord => ({ name, value, unit: 'Hz', samples: testTrials });
  return {
    response_before_hz: before.output,
    response_after_hz: after.output,
    aversion_before_hz: before.aversion,
    aversion_after_hz: after.aversion,
    punished_kept: kept('punished'),
    unpunished_kept: kept('unpunished'),
    punishments,
    testTrials,
    curve,
    metrics: [
      metric('punished stimulus, O before', before.output.punished),
      metric('punished stimulus, O after', after.output.punished),
      metric('unpunished stimulus, O before', before.output.unpunished),
      metric('unpunished stimulus, O after', after.output.unpunished),
      metric('punished stimulus, aversion before', before.aversion.punished),
      metric('punished stimulus, aversion after', after.aversion.punished),
    ],
  };
}
