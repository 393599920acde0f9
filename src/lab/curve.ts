/**
 * A learning curve at no extra simulation, as Diehl & Cook's code computes
 * its running performance: training responses are kept in windows of
 * `every` samples; at the end of each window its samples are classified
 * with the labels the previous window assigned (so no sample labels the
 * neurons that classify it), and the window then assigns the labels for the
 * next.
 */
import { accuracy, assignLabels, classifyAll } from './labelling';
import type { CurvePoint } from './protocol';

export interface RunningCurve {
  every: number;
  neurons: number;
  classes: number;
  /** The current window's counts (every x neurons) and labels. */
  counts: Float32Array;
  labels: Uint8Array;
  filled: number;
  /** Labels from the previous window; undefined before the first window ends. */
  assignment?: Int16Array;
  points: CurvePoint[];
}

export function createCurve(every: number, neurons: number, classes: number): RunningCurve {
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`curve: every must be a whole number >= 1, got ${every}`);
  return { every, neurons, classes, counts: new Float32Array(every * neurons), labels: new Uint8Array(every), filled: 0, points: [] };
}

/** Adds one training response; returns the new point when it closes a window that could be scored. */
export function addToCurve(curve: RunningCurve, counts: Float32Array, label: number, samplesDone: number): CurvePoint | undefined {
  curve.counts.set(counts, curve.filled * curve.neurons);
  curve.labels[curve.filled++] = label;
  if (curve.filled < curve.every) return undefined;
  curve.filled = 0;
  let point: CurvePoint | undefined;
  if (curve.assignment) {
    point = { samples: samplesDone, accuracy: accuracy(curve.labels, classifyAll(curve.assignment, curve.counts, curve.classes)) };
    curve.points.push(point);
  }
  curve.assignment = assignLabels(curve.counts, curve.labels, curve.neurons, curve.classes);
  return point;
}
