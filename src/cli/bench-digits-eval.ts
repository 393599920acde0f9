/**
 * Test-set throughput of the digits network (`npm run bench -- --digits-eval`):
 * the frozen twin on the CPU engine one image at a time (runDigits's
 * testing) against the GPU's batches (src/lab/digits/batch.ts), from the
 * same trained state, in images per second. Each engine also labels the
 * neurons from its own responses to as many training images and reports its
 * accuracy, the mean spikes per image, and how often the two engines' most
 * active neuron agrees, so a fast but wrong batch cannot pass unseen.
 */
import { DIGITS_INPUT, DIGITS_SCHEDULE, growDigitsNetworks, present, range, scheduleSteps, shuffled } from '@/lab';
import { batchedResponder, growDigitsBatch, labelAndTest, sequentialResponder, type Responder } from '@/lab/digits/batch';
import type { EngineSnapshot } from '@/sim';
import { classCount, imageAt, imageCount, splitByClass, type ImageDataset } from '@/stimuli';
import { keepingAlive, type BenchGpu } from './bench-gpu';
import { mnistPackage } from './dataset';
import { startTicker } from './progress';

export const EVAL_NEURONS = 100;
/** Training images on the CPU before the test set is timed: enough for several neurons to answer. */
export const EVAL_TRAIN_SAMPLES = 100;
/** Test images and GPU copies when not given: a batch that fills a GPU, or one SwiftShader finishes in a minute. */
export const EVAL_DEFAULTS = { hardware: { images: 1000, copies: 250 }, software: { images: 16, copies: 16 } } as const;

export interface EvalTiming {
  /** Wall time of the test images, s (labelling is not timed). */
  seconds: number;
  imagesPerS: number;
  /** Excitatory spikes per image, mean over the test images. */
  meanSpikes: number;
  responses: Float32Array;
  /** Test accuracy with the neurons labelled from this engine's responses to the label images. */
  accuracy: number;
}

/** Images and their classes. */
interface LabelledImages {
  images: Uint8Array[];
  labels: Uint8Array;
}

export interface DigitsEvalResult {
  neurons: number;
  trainSamples: number;
  images: number;
  copies: number;
  cpu: EvalTiming;
  gpu: EvalTiming | { unavailable: string };
  /** Share of images whose most active neuron is the same on both (the input draws differ, so not all). */
  sameWinner?: number;
}

/** Labels the neurons from `respond`'s answers to `label`, then times its answers to `test`. */
async function evaluate(respond: Responder, label: LabelledImages, test: LabelledImages, classes: number): Promise<EvalTiming> {
  const labelResponses = await respond(label.images);
  const start = performance.now();
  const responses = await respond(test.images);
  const seconds = (performance.now() - start) / 1000;
  const { accuracy } = labelAndTest({ responses: labelResponses, labels: label.labels }, { responses, labels: test.labels }, EVAL_NEURONS, classes);
  return { seconds, imagesPerS: test.images.length / seconds, meanSpikes: responses.reduce((s, x) => s + x, 0) / test.images.length, responses, accuracy };
}

/** Index of the largest of each row of `neurons`. */
function winners(responses: Float32Array, neurons: number): number[] {
  return Array.from({ length: responses.length / neurons }, (_, k) => {
    const row = responses.subarray(k * neurons, (k + 1) * neurons);
    return row.indexOf(Math.max(...row));
  });
}

/** The learning network trained on the images `order` names, on the CPU, as runDigits trains: normalise, present, learn. */
async function trainedState(train: ImageDataset, seed: number, order: Uint32Array): Promise<{ trained: EngineSnapshot; networks: ReturnType<typeof growDigitsNetworks> }> {
  const networks = growDigitsNetworks(EVAL_NEURONS, seed, { width: train.width, height: train.height });
  const { learning } = networks;
  const stage = {
    engine: learning.engine,
    retina: learning.retina,
    readout: learning.excitatory,
    steps: scheduleSteps(DIGITS_SCHEDULE, learning.genome.dt_ms),
    input: DIGITS_INPUT,
    rates: new Float32Array(train.width * train.height),
  };
  for (const i of order) await present(stage, imageAt(train, i), { beforePresentation: () => learning.engine.normalize(learning.inputProjection) });
  return { trained: await learning.engine.snapshot(), networks };
}

export async function benchDigitsEval(seed: number, gpu: BenchGpu | { unavailable: string }, asked: { images?: number; copies?: number }): Promise<DigitsEvalResult> {
  const { train, test } = splitByClass(mnistPackage());
  const defaults = 'unavailable' in gpu || !gpu.isFallback ? EVAL_DEFAULTS.hardware : EVAL_DEFAULTS.software;
  const count = Math.min(asked.images ?? defaults.images, imageCount(test), imageCount(train));
  const copies = asked.copies ?? defaults.copies;
  // As runDigits: training and labelling take the first images of one seeded order of the train split, testing of one of the test split.
  const trainOrder = shuffled(range(imageCount(train)), seed, 0);
  const pick = (set: ImageDataset, order: Uint32Array): LabelledImages => ({ images: Array.from(order, (i) => imageAt(set, i)), labels: Uint8Array.from(order, (i) => set.labels[i]) });
  const labelSet = pick(train, trainOrder.subarray(0, count));
  const testSet = pick(test, shuffled(range(imageCount(test)), seed, 0).subarray(0, count));
  const classes = classCount(train);

  let ticker = startTicker(`[digits eval] training ${EVAL_NEURONS} neurons on ${EVAL_TRAIN_SAMPLES} images (CPU)`);
  const { trained, networks } = await trainedState(train, seed, trainOrder.subarray(0, EVAL_TRAIN_SAMPLES));
  ticker.stop('done');

  ticker = startTicker(`[digits eval] CPU, ${count} label and ${count} test images one at a time`);
  const cpu = await evaluate(sequentialResponder(networks.frozen, trained), labelSet, testSet, classes);
  ticker.stop(`${cpu.imagesPerS.toFixed(1)} images/s`);

  const result: DigitsEvalResult = { neurons: EVAL_NEURONS, trainSamples: EVAL_TRAIN_SAMPLES, images: count, copies, cpu, gpu: { unavailable: 'not run' } };
  if ('unavailable' in gpu) return { ...result, gpu };
  ticker = startTicker(`[digits eval] GPU, ${count} label and ${count} test images in batches of ${copies}`);
  result.gpu = await keepingAlive(async () => {
    const digits = await growDigitsBatch(gpu.device, gpu.sources, { neurons: EVAL_NEURONS, seed, image: { width: train.width, height: train.height }, copies });
    try {
      await digits.batch.load(trained);
      return await evaluate(batchedResponder(digits), labelSet, testSet, classes);
    } finally {
      digits.batch.destroy();
    }
  });
  ticker.stop(`${result.gpu.imagesPerS.toFixed(1)} images/s`);
  const [a, b] = [winners(cpu.responses, EVAL_NEURONS), winners(result.gpu.responses, EVAL_NEURONS)];
  result.sameWinner = a.filter((w, k) => w === b[k]).length / count;
  return result;
}

export function formatDigitsEval(r: DigitsEvalResult): string {
  const row = (engine: string, t: EvalTiming) =>
    `| ${engine} | ${r.images} | ${t.seconds.toFixed(2)} | ${t.imagesPerS.toFixed(1)} | ${t.meanSpikes.toFixed(1)} | ${t.accuracy.toFixed(3)} |`;
  const lines = [
    '',
    '## Diehl & Cook digits: test-set throughput',
    '',
    `${r.neurons} excitatory neurons trained on ${r.trainSamples} images (CPU); the paper's test mode (350 ms shown + 150 ms rest, input raised below 5 spikes), ` +
      `each image from the trained state; each engine labels the neurons from its own answers to ${r.images} training images (not timed).`,
    '',
    '| engine | test images | wall s | images / s | excitatory spikes / image | accuracy |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('neuroplay cpu, one at a time', r.cpu),
  ];
  if ('unavailable' in r.gpu) lines.push(`| neuroplay webgpu, batched | ${r.images} | | n/a (${r.gpu.unavailable}) | | |`);
  else {
    lines.push(row(`neuroplay webgpu, ${r.copies} at a time`, r.gpu));
    lines.push('', `GPU over CPU: ${(r.gpu.imagesPerS / r.cpu.imagesPerS).toPrecision(3)}x; the same most active neuron for ${(100 * (r.sameWinner ?? 0)).toFixed(0)}% of the images (the copies draw their own input spikes).`);
  }
  return lines.join('\n');
}
