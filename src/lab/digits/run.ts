/**
 * The digits experiment of Diehl & Cook (2015): train the network without
 * labels on the train split, label each excitatory neuron by the class it
 * answers most, then classify the test split by the labelled neurons' votes.
 *
 * Training: images in a seeded shuffled order, input weights normalised
 * before every presentation, STDP and the adaptive threshold on. Labelling
 * and testing run in the paper's test mode, learning frozen: before every
 * image, the state training left is restored into a twin network whose
 * learning rates are zero, so each image meets exactly the trained network
 * and no image changes what the next one sees.
 */
import { DIEHL_COOK_2015, DIGITS_DEFAULT_NEURONS } from '@/model/presets/digits';
import { classCount, imageAt, imageCount, splitByClass, type DatasetSplit, type ImageDataset } from '@/stimuli';
import { addToCurve, createCurve } from '../curve';
import { accuracy, assignLabels, classify, confusionMatrix } from '../labelling';
import { range, shuffled } from '../order';
import { present, type InputPolicy, type Stage } from '../present';
import { scheduleSteps, type CurvePoint, type MetricRecord, type Phase, type Progress, type Schedule } from '../protocol';
import { cpuEngine, growDigitsNetworks, type DigitsNetwork, type EngineFactory } from './network';

export interface DigitsOptions {
  /** Excitatory neurons (as many inhibitory). Default 100. */
  neurons?: number;
  /** Seed of the network, its input spikes and the sample order. Default 1. */
  seed?: number;
  /** Images: a train / test split, or one set to split by class (4/5 train, 1/5 test), e.g. `mnistPackageDataset(...)` or `readIdxFolder(...)`. */
  dataset: ImageDataset | DatasetSplit;
  /** Distinct training images (a seeded random subset of the train split). Default: all of it. */
  trainSamples?: number;
  /** Passes over the training images, each in a new order. Default 1. */
  epochs?: number;
  /** Training images shown, frozen, to label the neurons (the first of the same shuffled order). Default: trainSamples. */
  labelSamples?: number;
  /** Test images classified (a seeded random subset of the test split). Default: all of it. */
  testSamples?: number;
  /** Default: 350 ms on, 150 ms rest (the paper). */
  schedule?: Schedule;
  /** How the input is set and raised. Default: the paper's (63.75 Hz, +31.875 Hz per repeat, at least 5 spikes), up to 10 presentations. */
  input?: Partial<InputPolicy>;
  /** Training samples per learning-curve window. Default: a tenth of the training presentations, at least 1. */
  curveEvery?: number;
  /** Wall-clock time in ms (e.g. performance.now): only used to measure samples per second. */
  clock: () => number;
  /** Called after every sample. */
  onProgress?: (progress: Progress) => void;
  /** Builds the engines. Default: the CPU reference engine. */
  createEngine?: EngineFactory;
}

export interface DigitsResult {
  /** Fraction of the test images classified right. */
  accuracy: number;
  /** Distinct training images, and passes over them: trainSamples x epochs presentations in all. */
  trainSamples: number;
  epochs: number;
  labelSamples: number;
  testSamples: number;
  /** Training images per second of wall time, input raises and rests included. */
  samplesPerSecond: number;
  /** Running accuracy on training windows (see curve.ts). */
  curve: CurvePoint[];
  /** classes x classes, row = true class, column = predicted. */
  confusion: number[][];
  /** Class of each excitatory neuron, -1 where it never fired while labelling. */
  assignment: number[];
  metrics: MetricRecord[];
}

export const DIGITS_SCHEDULE: Schedule = { presentation_ms: DIEHL_COOK_2015.presentationMs, rest_ms: DIEHL_COOK_2015.restMs };

export const DIGITS_INPUT: InputPolicy = {
  maxRateHz: DIEHL_COOK_2015.maxRateHz,
  stepHz: DIEHL_COOK_2015.intensityStepHz,
  minSpikes: DIEHL_COOK_2015.minSpikes,
  maxPresentations: 10,
};

function isSplit(dataset: ImageDataset | DatasetSplit): dataset is DatasetSplit {
  return 'train' in dataset;
}

function count(name: string, value: number | undefined, fallback: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`${name}: must be a whole number in 0..${max}, got ${n}`);
  return n;
}

/** The presentation stage of a digits network: its engine, retina and excitatory readout, under `schedule` and `input`. */
export function stageOf(network: DigitsNetwork, schedule: Schedule, input: InputPolicy): Stage {
  return {
    engine: network.engine,
    retina: network.retina,
    readout: network.excitatory,
    steps: scheduleSteps(schedule, network.genome.dt_ms),
    input,
    rates: new Float32Array(network.retina.width * network.retina.height),
  };
}

/** Runs the whole experiment: train, label, test. */
export async function runDigits(options: DigitsOptions): Promise<DigitsResult> {
  const { train, test } = isSplit(options.dataset) ? options.dataset : splitByClass(options.dataset);
  if (train.width !== test.width || train.height !== test.height)
    throw new RangeError(`dataset: train images are ${train.width}x${train.height} but test images ${test.width}x${test.height}`);
  const neurons = options.neurons ?? DIGITS_DEFAULT_NEURONS;
  const seed = options.seed ?? 1;
  const trainSamples = count('trainSamples', options.trainSamples, imageCount(train), imageCount(train));
  const epochs = count('epochs', options.epochs, 1, 1000);
  const labelSamples = count('labelSamples', options.labelSamples, trainSamples, imageCount(train));
  const testSamples = count('testSamples', options.testSamples, imageCount(test), imageCount(test));
  const schedule = options.schedule ?? DIGITS_SCHEDULE;
  const input = { ...DIGITS_INPUT, ...options.input };
  const classes = Math.max(classCount(train), classCount(test));
  const presentations = trainSamples * epochs;
  const curveEvery = options.curveEvery ?? Math.max(1, Math.floor(presentations / 10));
  const { clock, onProgress } = options;

  const { learning, frozen } = growDigitsNetworks(neurons, seed, { width: train.width, height: train.height }, options.createEngine ?? cpuEngine);
  const totalAll = presentations + labelSamples + testSamples;
  let doneAll = 0;
  const report = (phase: Phase, done: number, total: number, metric?: MetricRecord) => {
    doneAll++;
    onProgress?.({ phase, done, total, doneAll, totalAll, metric });
  };

  // Training: normalise, present, learn.
  const trainOrder = shuffled(range(imageCount(train)), seed, 0);
  const trainSet = trainOrder.subarray(0, trainSamples);
  const stage = stageOf(learning, schedule, input);
  const normalize = () => learning.engine.normalize(learning.inputProjection);
  const curve = createCurve(curveEvery, neurons, classes);
  let running: MetricRecord | undefined;
  const trainStart = clock();
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(trainSet, seed, epoch + 1);
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const response = await present(stage, imageAt(train, i), { beforePresentation: normalize });
      const done = epoch * trainSamples + k + 1;
      const point = addToCurve(curve, response.counts, train.labels[i], done);
      if (point) running = { name: 'running accuracy', value: point.accuracy, unit: 'fraction', samples: curveEvery };
      report('train', done, presentations, running);
    }
  }
  const trainWallS = (clock() - trainStart) / 1000;

  // Labelling and testing, frozen: the trained state is restored into the frozen twin before every image.
  const trained = await learning.engine.snapshot();
  const frozenStage = stageOf(frozen, schedule, input);
  const showFrozen = async (image: Uint8Array) => {
    trained.step = frozen.engine.stepCount;
    await frozen.engine.restore(trained);
    return present(frozenStage, image);
  };

  const labelIndices = trainOrder.subarray(0, labelSamples);
  const labelCounts = new Float32Array(labelSamples * neurons);
  const labelLabels = new Uint8Array(labelSamples);
  for (let k = 0; k < labelSamples; k++) {
    const i = labelIndices[k];
    labelCounts.set((await showFrozen(imageAt(train, i))).counts, k * neurons);
    labelLabels[k] = train.labels[i];
    report('label', k + 1, labelSamples);
  }
  const assignment = assignLabels(labelCounts, labelLabels, neurons, classes);

  const testIndices = shuffled(range(imageCount(test)), seed, 0).subarray(0, testSamples);
  const truth = new Uint8Array(testSamples);
  const predicted = new Int16Array(testSamples);
  let correct = 0;
  for (let k = 0; k < testSamples; k++) {
    const i = testIndices[k];
    truth[k] = test.labels[i];
    predicted[k] = classify(assignment, (await showFrozen(imageAt(test, i))).counts, classes);
    if (predicted[k] === truth[k]) correct++;
    report('test', k + 1, testSamples, { name: 'test accuracy', value: correct / (k + 1), unit: 'fraction', samples: k + 1 });
  }

  const testAccuracy = accuracy(truth, predicted);
  const samplesPerSecond = presentations / trainWallS;
  return {
    accuracy: testAccuracy,
    trainSamples,
    epochs,
    labelSamples,
    testSamples,
    samplesPerSecond,
    curve: curve.points,
    confusion: confusionMatrix(truth, predicted, classes),
    assignment: Array.from(assignment),
    metrics: [
      { name: 'test accuracy', value: testAccuracy, unit: 'fraction', samples: testSamples },
      { name: 'training speed', value: samplesPerSecond, unit: 'samples/s', samples: presentations },
      ...(running ? [running] : []),
    ],
  };
}
