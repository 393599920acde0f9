import { describe, expect, it } from 'vitest';
import type { MetricRecord, Progress } from '@/lab';
import { EXPERIMENTS, type LabExperiment, type LabRun } from '@/lab/experiments';
import { pickImages } from '@/stimuli';
import type { FromLabWorker, LabDataset, ToLabWorker } from '@/worker/lab-protocol';
import { LabRunner, PROGRESS_INTERVAL_MS } from '@/worker/lab-runner';
import { mnistDigits } from '../stimuli/mnist-digits';

type Message<T extends FromLabWorker['type']> = Extract<FromLabWorker, { type: T }>;

/** A runner whose clock is `clock()`; returns everything it posted once the run has ended. */
async function runToEnd(start: Omit<Extract<ToLabWorker, { type: 'start' }>, 'type'>, clock: () => number, experiments?: Record<string, LabExperiment>) {
  const posted: FromLabWorker[] = [];
  const runner = new LabRunner({ post: (message) => posted.push(message), now: clock }, experiments);
  await runner.receive({ type: 'start', ...start });
  const of = <T extends FromLabWorker['type']>(type: T) => posted.filter((m): m is Message<T> => m.type === type);
  return { posted, runner, of };
}

/** A clock that moves `stepMs` on every reading. */
function ticking(stepMs: number): () => number {
  let nowMs = 0;
  return () => (nowMs += stepMs);
}

/** A protocol of 10 samples, one every 30 ms of the test's clock; samples 1-4 repeat one metric record, 5-10 each bring a new one. */
function fakeExperiment(time: { nowMs: number }, result: Partial<LabRun> = {}, fail?: Error): LabExperiment {
  return {
    name: 'fake',
    title: 'A fake protocol',
    needsDataset: false,
    rescales: false,
    run: async (_options, onProgress) => {
      const held: MetricRecord = { name: 'accuracy', value: 0.1, unit: 'fraction', samples: 4 };
      for (let k = 1; k <= 10; k++) {
        time.nowMs = (k - 1) * 30;
        const metric = k <= 4 ? held : { name: 'accuracy', value: k / 10, unit: 'fraction', samples: 4 };
        onProgress({ phase: k <= 6 ? 'train' : 'test', done: k, total: 10, doneAll: k, totalAll: 10, metric } satisfies Progress);
        if (fail && k === 7) throw fail;
      }
      return { figures: {}, curve: [], metrics: [], ...result };
    },
  };
}

describe('LabRunner: a real protocol (novelty, 12 showings, about 0.1 s each run)', async () => {
  const direct = await EXPERIMENTS.novelty.run({ seed: 2, clock: () => 0 }, () => undefined);
  const seedOne = await EXPERIMENTS.novelty.run({ seed: 1, clock: () => 0 }, () => undefined);
  // A clock 1 s further on at every reading: the throttle lets every progress through.
  const everyProgress = await runToEnd({ experiment: 'novelty', seed: 2 }, ticking(1000));

  it('posts a point, then its progress, for each of the 12 showings, and ends with done', () => {
    const types = everyProgress.posted.map((m) => m.type);
    expect(types).toEqual([...Array.from({ length: 12 }, () => ['point', 'progress']).flat(), 'done']);
    const progress = everyProgress.of('progress');
    expect(progress.map((p) => p.doneAll)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(progress.every((p) => p.phase === 'train' && p.total === 12 && p.totalAll === 12 && p.done === p.doneAll)).toBe(true);
  });

  it("draws the curve from the metric: x = showings 1..12, y = O's response in Hz, as the protocol's own curve has it", () => {
    const points = everyProgress.of('point');
    const curve = direct.curve as { output_hz: number }[];
    expect(points.map((p) => p.x)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(points.map((p) => p.y)).toEqual(curve.map((c) => c.output_hz));
    expect([points[0].name, points[0].unit, points[1].name]).toEqual(["O's response (novel)", 'Hz', "O's response (repeat)"]);
  });

  it('ends with the figures and metrics EXPERIMENTS.novelty.run gives for seed 2 (and not those of seed 1)', () => {
    const done = everyProgress.of('done')[0];
    expect(done.figures).toEqual(direct.figures);
    expect(done.metrics).toEqual(direct.metrics);
    expect(done.figures).not.toEqual(seedOne.figures);
  });

  it('on a clock that stands still posts only the first progress and the last (samples 1 and 12), but all 12 points', async () => {
    const still = await runToEnd({ experiment: 'novelty', seed: 2 }, () => 0);
    expect(still.of('progress').map((p) => p.doneAll)).toEqual([1, 12]);
    expect(still.of('point')).toHaveLength(12);
    expect(still.posted.at(-1)?.type).toBe('done');
  });
});

describe('LabRunner: the progress throttle', () => {
  it(`posts progress at most every ${PROGRESS_INTERVAL_MS} ms: samples 30 ms apart go out at 0, 120, 240 ms (samples 1, 5, 9), then the held last one (10)`, async () => {
    const time = { nowMs: 0 };
    const run = await runToEnd({ experiment: 'fake', seed: 1 }, () => time.nowMs, { fake: fakeExperiment(time) });
    expect(run.of('progress').map((p) => p.doneAll)).toEqual([1, 5, 9, 10]);
    expect(run.posted.at(-1)?.type).toBe('done');
  });

  it('posts a point per new metric record, unthrottled: one for the record repeated over samples 1-4, then 5..10 each', async () => {
    const time = { nowMs: 0 };
    const run = await runToEnd({ experiment: 'fake', seed: 1 }, () => time.nowMs, { fake: fakeExperiment(time) });
    const points = run.of('point');
    expect(points.map((p) => p.x)).toEqual([1, 5, 6, 7, 8, 9, 10]);
    expect(points.map((p) => p.y)).toEqual([0.1, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});

describe('LabRunner: figures for the page', () => {
  it('keeps numbers, strings and null, turns typed arrays into arrays and flattens records to dotted names', async () => {
    const time = { nowMs: 0 };
    const figures = { accuracy: 0.5, trials_to_criterion: null, engine: 'cpu', response_hz: { punished: 1.5, unpunished: 2 }, counts: Float32Array.of(1, 2.5), correct: [1, 0, 1] };
    const run = await runToEnd({ experiment: 'fake', seed: 1 }, () => time.nowMs, { fake: fakeExperiment(time, { figures }) });
    expect(run.of('done')[0].figures).toEqual({
      accuracy: 0.5,
      trials_to_criterion: null,
      engine: 'cpu',
      'response_hz.punished': 1.5,
      'response_hz.unpunished': 2,
      counts: [1, 2.5],
      correct: [1, 0, 1],
    });
  });
});

describe('LabRunner: digits on the data set the page hands over', async () => {
  // The first five 0s and five 1s of the mnist package: the split trains on 4 + 4 and tests on 1 + 1.
  const all = mnistDigits();
  const firstOf = (digit: number) => Array.from(all.labels.keys()).filter((i) => all.labels[i] === digit).slice(0, 5);
  const ten = pickImages(all, [...firstOf(0), ...firstOf(1)]);
  const dataset: LabDataset = { images: ten.images, labels: ten.labels, count: 10, width: 28, height: 28 };
  const direct = await EXPERIMENTS.digits.run({ seed: 1, dataset: ten, clock: () => performance.now() }, () => undefined);
  const run = await runToEnd({ experiment: 'digits', seed: 1, dataset }, () => performance.now());

  it('runs 34 samples (3 epochs x 8 train + 8 labelled + 2 tested) and ends done', () => {
    const progress = run.of('progress');
    expect(progress.at(-1)).toMatchObject({ phase: 'test', done: 2, total: 2, doneAll: 34, totalAll: 34 });
    expect(run.posted.at(-1)?.type).toBe('done');
  });

  it('posts the running curve (windows of floor(24 / 10) = 2, the first only labels: x = 4, 6, .., 24) and the test accuracy after each test digit (x = 33, 34)', () => {
    const points = run.of('point');
    const curve = direct.curve as { samples: number; accuracy: number }[];
    expect(points.map((p) => p.x)).toEqual([4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 33, 34]);
    expect(points.slice(0, 11).map((p) => p.y)).toEqual(curve.map((c) => c.accuracy));
    expect(points.slice(11).map((p) => p.name)).toEqual(['test accuracy', 'test accuracy']);
  });

  it('ends with the figures of EXPERIMENTS.digits.run for seed 1, the wall-clock speed aside', () => {
    const { samplesPerSecond, ...figures } = run.of('done')[0].figures;
    const { samplesPerSecond: directSpeed, ...directFigures } = direct.figures;
    expect(figures).toEqual(directFigures);
    expect([typeof samplesPerSecond, typeof directSpeed]).toEqual(['number', 'number']);
  });
});

describe('LabRunner: errors', () => {
  const now = () => 0;

  it('refuses an unknown experiment, naming the six known ones, and posts nothing else', async () => {
    const run = await runToEnd({ experiment: 'dreaming', seed: 1 }, now);
    expect(run.posted).toEqual([
      { type: 'error', phase: 'start', message: 'start.experiment: unknown experiment "dreaming"; the known ones are digits, conditioning, punishment, novelty, deprivation, pruning' },
    ]);
  });

  it('refuses digits without a data set', async () => {
    const run = await runToEnd({ experiment: 'digits', seed: 1 }, now);
    expect(run.posted).toEqual([{ type: 'error', phase: 'start', message: 'start.dataset: digits trains on images, and no data set was given' }]);
  });

  it('refuses a data set whose count disagrees with its labels (3 said, 2 held) and one given to novelty, which takes none', async () => {
    const dataset: LabDataset = { images: new Uint8Array(8), labels: new Uint8Array(2), count: 3, width: 2, height: 2 };
    expect((await runToEnd({ experiment: 'digits', seed: 1, dataset }, now)).posted).toEqual([
      { type: 'error', phase: 'start', message: 'start.dataset.count: says 3 images, but labels holds 2' },
    ]);
    expect((await runToEnd({ experiment: 'novelty', seed: 1, dataset: { ...dataset, count: 2 } }, now)).posted).toEqual([
      { type: 'error', phase: 'start', message: 'start.dataset: novelty takes no data set' },
    ]);
  });

  it('refuses a seed that is not a 32-bit whole number (1.5, -1)', async () => {
    for (const seed of [1.5, -1]) {
      const run = await runToEnd({ experiment: 'novelty', seed }, now);
      expect(run.posted).toEqual([{ type: 'error', phase: 'start', message: `start.seed: must be a whole number in 0..4294967295, got ${seed}` }]);
    }
  });

  it('refuses a second start: one worker, one run', async () => {
    const time = { nowMs: 0 };
    const run = await runToEnd({ experiment: 'fake', seed: 1 }, () => time.nowMs, { fake: fakeExperiment(time) });
    await run.runner.receive({ type: 'start', experiment: 'fake', seed: 1 });
    expect(run.posted.at(-1)).toEqual({ type: 'error', phase: 'start', message: 'start: this worker has run its experiment already; a new run needs a new worker' });
  });

  it('reports a protocol that throws at sample 7 as a run error naming its phase, after the held progress (samples 1, 5, then 7)', async () => {
    const time = { nowMs: 0 };
    const run = await runToEnd({ experiment: 'fake', seed: 1 }, () => time.nowMs, { fake: fakeExperiment(time, {}, new Error('the engine fell over')) });
    expect(run.of('progress').map((p) => p.doneAll)).toEqual([1, 5, 7]);
    expect(run.posted.at(-1)).toEqual({ type: 'error', phase: 'run', message: 'fake failed in its test phase, after 7 of 10 samples: the engine fell over' });
  });
});
