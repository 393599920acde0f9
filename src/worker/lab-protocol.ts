/**
 * Every message between the page and the lab worker, which runs one of the
 * protocol experiments (src/lab/experiments.ts) to its end. Both sides
 * switch over `type` exhaustively (a `never` default), so a message added
 * here fails to compile until each side handles it.
 */
import type { MetricRecord, Progress } from '@/lab';

/** Labelled grey-level images as the page hands them over: `count` images of width x height bytes, one after another. */
export interface LabDataset {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  width: number;
  height: number;
}

/** Page -> worker. */
export type ToLabWorker =
  /** Run the experiment named `experiment` (a key of EXPERIMENTS) once; `dataset` is required by those that train on images (digits). */
  { type: 'start'; experiment: string; seed: number; dataset?: LabDataset };

export type LabStart = Extract<ToLabWorker, { type: 'start' }>;

/** Where the run is: posted at most every PROGRESS_INTERVAL_MS, and always the last one before `done` or `error`. */
export type LabProgress = { type: 'progress' } & Progress;

/** A new point of the learning curve: `x` samples done over the whole run, `y` the metric's value in its unit. */
export interface LabPoint {
  type: 'point';
  x: number;
  y: number;
  name: string;
  unit: string;
}

/** A figure as it crosses to the page: nested records are flattened to dotted names, typed arrays to arrays. */
export type LabFigure = number | string | null | number[];

/** The run ended: every figure by name (as `npm run sim` reports them) and the final metrics. */
export interface LabDone {
  type: 'done';
  figures: Record<string, LabFigure>;
  metrics: MetricRecord[];
}

/**
 * Where an error arose: `start` (the start message was refused: an unknown
 * experiment, a missing data set, a bad seed), `run` (the protocol threw),
 * `message` (a message could not be read); the client adds `worker` (the
 * worker died).
 */
export type LabErrorPhase = 'start' | 'run' | 'message' | 'worker';

export interface LabError {
  type: 'error';
  phase: LabErrorPhase;
  message: string;
}

/** Worker -> page. */
export type FromLabWorker = LabProgress | LabPoint | LabDone | LabError;
