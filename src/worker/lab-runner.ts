/**
 * What the lab worker does, apart from the worker itself: runs one protocol
 * experiment to its end and streams where it is (progress, throttled for
 * display), each new learning-curve point and the final figures. Time and
 * output come in through `LabIo`, so the same code runs in a Worker and in a
 * Node test, as EngineHost does with HostIo.
 */
import type { MetricRecord, Progress } from '@/lab';
import { EXPERIMENTS, type LabExperiment } from '@/lab/experiments';
import { checkDataset, type ImageDataset } from '@/stimuli';
import type { FromLabWorker, LabDataset, LabFigure, LabStart, ToLabWorker } from './lab-protocol';
import { errorText } from './protocol';

export interface LabIo {
  post(message: FromLabWorker): void;
  /** Wall-clock time, ms. */
  now(): number;
}

/** Progress goes out at most ten times a second: the page redraws its bar no faster than a person reads it. */
export const PROGRESS_INTERVAL_MS = 100;

/** Largest seed a genome takes (schema: 32 bits). */
const MAX_SEED = 0xffffffff;

/** Passes progress on at most once per PROGRESS_INTERVAL_MS, holding back the latest in between until `flush`. */
class ProgressThrottle {
  private postedAtMs = Number.NEGATIVE_INFINITY;
  private held: Progress | null = null;

  constructor(private readonly io: LabIo) {}

  add(progress: Progress): void {
    const nowMs = this.io.now();
    if (nowMs - this.postedAtMs < PROGRESS_INTERVAL_MS) {
      this.held = progress;
      return;
    }
    this.held = null;
    this.postedAtMs = nowMs;
    this.io.post({ type: 'progress', ...progress });
  }

  /** Posts the progress held back, so the page ends on the last one. */
  flush(): void {
    if (this.held) this.io.post({ type: 'progress', ...this.held });
    this.held = null;
  }
}

/**
 * A figure as plain data for the page: numbers, strings and null as they
 * are, typed arrays and arrays of numbers as arrays, nested records
 * flattened to `outer.inner` names, anything else as JSON text.
 */
function plainFigures(figures: Record<string, unknown>, prefix = '', out: Record<string, LabFigure> = {}): Record<string, LabFigure> {
  for (const [key, value] of Object.entries(figures)) {
    const name = prefix + key;
    if (value === null || typeof value === 'number' || typeof value === 'string') out[name] = value;
    else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) out[name] = Array.from(value as unknown as ArrayLike<number | bigint>, Number);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) out[name] = [...value];
    else if (typeof value === 'object' && !Array.isArray(value)) plainFigures(value as Record<string, unknown>, `${name}.`, out);
    else out[name] = JSON.stringify(value) ?? String(value);
  }
  return out;
}

/** The page's images as the protocols take them, or the reason they cannot be. */
function imageDataset(dataset: LabDataset): ImageDataset {
  if (dataset.labels.length !== dataset.count) throw new RangeError(`start.dataset.count: says ${dataset.count} images, but labels holds ${dataset.labels.length}`);
  return checkDataset({ width: dataset.width, height: dataset.height, images: dataset.images, labels: dataset.labels }, 'start.dataset');
}

/** Runs one experiment per worker: a second start is refused (the page starts a new worker for each run). */
export class LabRunner {
  private started = false;

  constructor(
    private readonly io: LabIo,
    private readonly experiments: Readonly<Record<string, LabExperiment>> = EXPERIMENTS,
  ) {}

  /** Handles a message from the page; a run resolves once `done` or `error` is posted. Never rejects. */
  async receive(message: ToLabWorker): Promise<void> {
    switch (message.type) {
      case 'start':
        return this.start(message);
      default: {
        // One kind of message so far: TypeScript narrows its `type`, not the message, to never.
        const unknown: never = message.type;
        this.io.post({ type: 'error', phase: 'message', message: `unknown message type ${JSON.stringify(unknown)}` });
      }
    }
  }

  private refuse(message: string): void {
    this.io.post({ type: 'error', phase: 'start', message });
  }

  private async start(message: LabStart): Promise<void> {
    if (this.started) return this.refuse('start: this worker has run its experiment already; a new run needs a new worker');
    this.started = true;
    const { experiment: name, seed } = message;
    const experiment = Object.hasOwn(this.experiments, name) ? this.experiments[name] : undefined;
    if (!experiment) return this.refuse(`start.experiment: unknown experiment "${name}"; the known ones are ${Object.keys(this.experiments).join(', ')}`);
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return this.refuse(`start.seed: must be a whole number in 0..${MAX_SEED}, got ${seed}`);
    if (experiment.needsDataset && !message.dataset) return this.refuse(`start.dataset: ${name} trains on images, and no data set was given`);
    if (!experiment.needsDataset && message.dataset) return this.refuse(`start.dataset: ${name} takes no data set`);
    let dataset: ImageDataset | undefined;
    try {
      dataset = message.dataset && imageDataset(message.dataset);
    } catch (error) {
      return this.refuse(errorText(error));
    }
    return this.run(experiment, seed, dataset);
  }

  private async run(experiment: LabExperiment, seed: number, dataset: ImageDataset | undefined): Promise<void> {
    const throttle = new ProgressThrottle(this.io);
    let last: Progress | undefined;
    // A protocol hands over the same record again while it has no new measurement (digits between curve windows): only a new record is a new point.
    let lastMetric: MetricRecord | undefined;
    const onProgress = (progress: Progress) => {
      last = progress;
      const metric = progress.metric;
      if (metric && metric !== lastMetric) this.io.post({ type: 'point', x: progress.doneAll, y: metric.value, name: metric.name, unit: metric.unit });
      lastMetric = metric ?? lastMetric;
      throttle.add(progress);
    };
    try {
      const result = await experiment.run({ seed, dataset, clock: () => this.io.now() }, onProgress);
      throttle.flush();
      this.io.post({ type: 'done', figures: plainFigures(result.figures), metrics: result.metrics.map((m) => ({ ...m })) });
    } catch (error) {
      throttle.flush();
      const where = last ? `in its ${last.phase} phase, after ${last.doneAll} of ${last.totalAll} samples` : 'before its first sample';
      this.io.post({ type: 'error', phase: 'run', message: `${experiment.name} failed ${where}: ${errorText(error)}` });
    }
  }
}
