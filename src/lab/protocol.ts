/**
 * What drives an experiment: a schedule of presentations, an optional reward
 * rule, the metrics it records and its learning curve. Protocols are plain
 * data and functions over an Engine; time comes in as a clock argument.
 */
import type { ModulatorName } from '@/model';

/** How each stimulus is shown: on for presentation_ms, then silent for rest_ms so the network relaxes. */
export interface Schedule {
  presentation_ms: number;
  rest_ms: number;
}

/** A schedule in whole engine steps (at least one step of presentation). */
export function scheduleSteps(schedule: Schedule, dtMs: number): { presentation: number; rest: number } {
  if (!(schedule.presentation_ms > 0)) throw new RangeError(`schedule.presentation_ms: must be > 0 ms, got ${schedule.presentation_ms}`);
  if (!(schedule.rest_ms >= 0)) throw new RangeError(`schedule.rest_ms: must be >= 0 ms, got ${schedule.rest_ms}`);
  return { presentation: Math.max(1, Math.round(schedule.presentation_ms / dtMs)), rest: Math.round(schedule.rest_ms / dtMs) };
}

/** What the read-out population did while one stimulus was shown. */
export interface Response {
  /** Spikes of each read-out neuron during the accepted presentation. */
  counts: Float32Array;
  /** Their sum. */
  total: number;
  /** Presentations it took: 1, plus one for each time the input had to be raised. */
  presentations: number;
  /** Rate of a full-intensity pixel in the accepted presentation, Hz. */
  maxRateHz: number;
}

/** A neuromodulator pulse: a reward (dopamine) or a punishment (aversion). */
export interface ModulatorPulse {
  modulator: ModulatorName;
  amount: number;
}

/**
 * A reward rule: after each accepted presentation, which pulse (if any) to
 * give before the rest; the caller closes over the sample's label. The
 * unsupervised digits protocol has none.
 */
export type RewardRule = (response: Response) => ModulatorPulse | undefined;

/** One measured number, with its unit and how many samples it rests on. */
export interface MetricRecord {
  name: string;
  value: number;
  unit: string;
  samples: number;
}

/** A point of the learning curve: accuracy after `samples` training presentations. */
export interface CurvePoint {
  samples: number;
  accuracy: number;
}

/** Where a protocol is: learning, labelling, testing, with the senses off, or pruning. */
export type Phase = 'train' | 'label' | 'test' | 'deprive' | 'prune';

/** Reported after every sample: where the run is and its latest metric. */
export interface Progress {
  phase: Phase;
  /** Samples done and to do in this phase. */
  done: number;
  total: number;
  /** Samples done and to do over the whole run. */
  doneAll: number;
  totalAll: number;
  metric?: MetricRecord;
}
