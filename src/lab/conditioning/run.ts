/**
 * Reward conditioning: two stimuli, two outputs, dopamine when the right one
 * wins. Each trial shows stimulus 0 or 1 (seeded order, balanced in blocks of
 * 20) for the presentation; the output population with more spikes wins;
 * stimulus 0 should make A win, stimulus 1 B. A right answer gets a dopamine
 * pulse, a wrong one (or no answer) a dip below zero, the negative reward
 * prediction error of dopamine neurons (Schultz, Dayan & Montague 1997,
 * Science 275:1593). Both signs act on the same tags: a pulse strengthens
 * the synapses that drove the right winner, a dip weakens those that drove
 * a wrong one. Rewards alone also learn, because the outputs' noise makes
 * each answer win now and then, but more slowly (seeds 1-6: criterion after
 * 38 to 141 trials without the dip, 32 to 63 with it). Then the input rests
 * while dopamine turns the trial's tags into weight. The criterion is 90 %
 * right over the last 20 trials.
 */
import { conditioningGenome, CONDITIONING_DEFAULT_SIZE, type ConditioningSize } from '@/model/presets/conditioning';
import { shuffled } from '../order';
import type { CurvePoint, MetricRecord, Progress, Schedule } from '../protocol';
import { BACKGROUND_HZ, growLabNetwork, labCpuEngine, patternImage, showPattern, type LabEngineFactory } from '../trial';

/** Trials the criterion and the rolling accuracy look back over. */
export const CRITERION_WINDOW = 20;
/** Fraction right over the window that counts as learned. */
export const CRITERION_ACCURACY = 0.9;

export const CONDITIONING_SCHEDULE: Schedule = { presentation_ms: 200, rest_ms: 400 };

export interface ConditioningOptions {
  /** Seed of the network, its input spikes and the stimulus order. Default 1. */
  seed?: number;
  /** Network size. Default CONDITIONING_DEFAULT_SIZE. */
  size?: ConditioningSize;
  /** Trials to run (the curve runs on past the criterion, to show the plateau). Default 200. */
  trials?: number;
  /** Default 200 ms on, 400 ms rest. */
  schedule?: Schedule;
  /** Dopamine added after a right answer. Default 1. */
  rewardLevel?: number;
  /** Dopamine added after a wrong answer: a dip, <= 0. Default -1. */
  dipLevel?: number;
  /** Rate of the inputs a stimulus does not light, Hz. Default BACKGROUND_HZ, 1 Hz. */
  backgroundHz?: number;
  createEngine?: LabEngineFactory;
}

export interface ConditioningResult {
  /** The trial (1-based) at which the last 20 trials first held 90 % right; null when never. */
  trials_to_criterion: number | null;
  /** Fraction right over the last 20 trials. */
  accuracy_last_20: number;
  /** Fraction right over the first 20 trials: the chance level the network starts from. */
  accuracy_first_20: number;
  trials: number;
  /** After each trial: the fraction right over the last 20 trials (or all of them, before 20). */
  curve: CurvePoint[];
  /** Per trial: 1 right, 0 wrong. */
  correct: number[];
  metrics: MetricRecord[];
}

/** Stimulus of every trial: blocks of 20 holding ten of each, each block in its own seeded order. */
export function stimulusOrder(trials: number, seed: number): Uint8Array {
  const order = new Uint8Array(trials);
  const block = Array.from({ length: CRITERION_WINDOW }, (_, i) => i % 2);
  for (let start = 0, b = 0; start < trials; start += CRITERION_WINDOW, b++) {
    const stimuli = shuffled(block, seed, b);
    for (let k = 0; k < CRITERION_WINDOW && start + k < trials; k++) order[start + k] = stimuli[k];
  }
  return order;
}

/** Fraction of ones in `correct[from, to)`. */
function fraction(correct: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += correct[k];
  return sum / (to - from);
}

export async function runConditioning(options: ConditioningOptions = {}, onProgress?: (progress: Progress) => void): Promise<ConditioningResult> {
  const seed = options.seed ?? 1;
  const trials = options.trials ?? 200;
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials: must be a whole number >= 1, got ${trials}`);
  const rewardLevel = options.rewardLevel ?? 1;
  const dipLevel = options.dipLevel ?? -1;
  if (!(rewardLevel >= 0)) throw new RangeError(`rewardLevel: must be >= 0, got ${rewardLevel}`);
  if (!(dipLevel <= 0)) throw new RangeError(`dipLevel: must be <= 0 (a dip), got ${dipLevel}`);
  const size = options.size ?? CONDITIONING_DEFAULT_SIZE;
  const network = growLabNetwork(conditioningGenome(seed, size), options.schedule ?? CONDITIONING_SCHEDULE, options.createEngine ?? labCpuEngine);
  const k = size.inputsPerStimulus;
  const backgroundHz = options.backgroundHz ?? BACKGROUND_HZ;
  const images = [0, 1].map((s) => patternImage(network.stage.retina, Array.from({ length: k }, (_, i) => s * k + i), backgroundHz));
  const order = stimulusOrder(trials, seed);

  const correct: number[] = [];
  const curve: CurvePoint[] = [];
  let trialsToCriterion: number | null = null;
  for (let t = 0; t < trials; t++) {
    const stimulus = order[t];
    let right = 0;
    await showPattern(network, images[stimulus], (rates) => {
      const winner = rates.A > rates.B ? 0 : rates.B > rates.A ? 1 : -1;
      right = winner === stimulus ? 1 : 0;
      return { modulator: 'dopamine', amount: right ? rewardLevel : dipLevel };
    });
    correct.push(right);
    const done = t + 1;
    const from = Math.max(0, done - CRITERION_WINDOW);
    const accuracy = fraction(correct, from, done);
    curve.push({ samples: done, accuracy });
    if (trialsToCriterion === null && done >= CRITERION_WINDOW && accuracy >= CRITERION_ACCURACY) trialsToCriterion = done;
    onProgress?.({
      phase: 'train',
      done,
      total: trials,
      doneAll: done,
      totalAll: trials,
      metric: { name: 'accuracy over the last 20 trials', value: accuracy, unit: 'fraction', samples: done - from },
    });
  }
  const window = Math.min(CRITERION_WINDOW, trials);
  const accuracyLast = fraction(correct, trials - window, trials);
  const accuracyFirst = fraction(correct, 0, window);
  return {
    trials_to_criterion: trialsToCriterion,
    accuracy_last_20: accuracyLast,
    accuracy_first_20: accuracyFirst,
    trials,
    curve,
    correct,
    metrics: [
      { name: 'trials to criterion', value: trialsToCriterion ?? Number.NaN, unit: 'trials', samples: trials },
      { name: 'accuracy over the last 20 trials', value: accuracyLast, unit: 'fraction', samples: window },
      { name: 'accuracy over the first 20 trials', value: accuracyFirst, unit: 'fraction', samples: window },
    ],
  };
}
