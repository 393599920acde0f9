/**
 * The digits network labelled and tested in batches on the GPU
 * (src/lab/digits/batch.ts) against the frozen twin on the CPU engine, one
 * image at a time. A 10-neuron network on MNIST digits halved to 14 x 14 and
 * shown 100 ms + 25 ms rest keeps SwiftShader's share of this file to
 * seconds; the protocol is the paper's in everything else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIGITS_INPUT, frozenGenome, growDigitsNetworks, present, range, scheduleSteps, shuffled, type DigitsNetwork, type InputPolicy } from '@/lab';
import { batchedResponder, evaluationGenome, growDigitsBatch, labelAndTest, sequentialResponder, type DigitsBatch } from '@/lab/digits/batch';
import { parseGenome } from '@/model';
import { digitsGenome } from '@/model/presets/digits';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { learningProblems } from '@/sim/gpu/batch';
import { imageAt, imageCount, splitByClass, type ImageDataset } from '@/stimuli';
import { device, sources } from '../sim/gpu/harness';
import { mnistDigits } from '../stimuli/mnist-digits';

const NEURONS = 10;
const SEED = 3;
const IMAGE = { width: 14, height: 14 };
const SCHEDULE = { presentation_ms: 100, rest_ms: 25 };
/** 100 ms + 25 ms at dt 0.5 ms. */
const ROUND_STEPS = 250;
const COPIES = 8;
/** A quarter of the pixels at four times the paper's rate (255 Hz) gives the 28 x 28 network's input drive. */
const INPUT: InputPolicy = { ...DIGITS_INPUT, maxRateHz: 4 * DIGITS_INPUT.maxRateHz };
/** One presentation per image whatever the answer: rounds then follow a fixed plan (image k in copy k % 8, round floor(k / 8)). */
const ONCE: InputPolicy = { ...INPUT, minSpikes: 0 };

/** A 28 x 28 image as 14 x 14, each pixel the mean of a 2 x 2 block. */
function halve(image: Uint8Array): Uint8Array {
  const out = new Uint8Array(14 * 14);
  for (let y = 0; y < 14; y++)
    for (let x = 0; x < 14; x++) {
      const at = 2 * y * 28 + 2 * x;
      out[y * 14 + x] = Math.round((image[at] + image[at + 1] + image[at + 28] + image[at + 29]) / 4);
    }
  return out;
}

/** Images from .. from + count - 1 of a seeded order of `set` (the splits are ordered by class), halved. */
const imagesOf = (set: ImageDataset, from: number, count: number) => Array.from(shuffled(range(imageCount(set)), SEED, 0).subarray(from, from + count), (i) => halve(imageAt(set, i)));
const total = (counts: Float32Array, image: number) => counts.subarray(image * NEURONS, (image + 1) * NEURONS).reduce((s, x) => s + x, 0);
const row = (counts: Float32Array, image: number) => Array.from(counts.subarray(image * NEURONS, (image + 1) * NEURONS));

describe('evaluationGenome', () => {
  it('is the frozen twin without plasticity and normalisation, and nothing in it learns', () => {
    const evaluation = parseGenome(evaluationGenome(NEURONS, SEED, IMAGE));
    const frozen = parseGenome(frozenGenome(digitsGenome(NEURONS, SEED, IMAGE)));
    expect(learningProblems(buildConnectome(evaluation))).toEqual([]);
    expect(evaluation.populations).toEqual(frozen.populations);
    expect(evaluation.projections).toEqual(frozen.projections.map((p) => ({ ...p, plasticity: undefined, normalization: undefined })));
  });
});

describe.skipIf(!device)('batched digits evaluation on the GPU against the frozen twin on the CPU', () => {
  const { train, test } = splitByClass(mnistDigits());
  let trained: EngineSnapshot;
  let frozen: DigitsNetwork;
  let digits: DigitsBatch;

  beforeAll(async () => {
    // 40 training images on the CPU, as runDigits trains: normalise, present, learn.
    const networks = growDigitsNetworks(NEURONS, SEED, IMAGE);
    const { learning } = networks;
    frozen = networks.frozen;
    const stage = { engine: learning.engine, retina: learning.retina, readout: learning.excitatory, steps: scheduleSteps(SCHEDULE, 0.5), input: INPUT, rates: new Float32Array(196) };
    for (const image of imagesOf(train, 0, 40)) await present(stage, image, { beforePresentation: () => learning.engine.normalize(learning.inputProjection) });
    trained = await learning.engine.snapshot();
    digits = await growDigitsBatch(device!, sources, { neurons: NEURONS, seed: SEED, image: IMAGE, copies: COPIES, schedule: SCHEDULE, input: INPUT });
    await digits.batch.load(trained);
  });

  /** The CPU frozen twin's response to `image` shown from `step` under `input`. */
  async function cpuResponse(image: Uint8Array, step: number, input: InputPolicy): Promise<Float32Array> {
    await frozen.engine.restore({ ...trained, step });
    return sequentialResponder(frozen, trained, SCHEDULE, input)([image]);
  }

  it('gives copy 0 the CPU counts exactly, image for image: 16 images on 8 copies, copy 0 shows image 0 and then image 8 one round later', async () => {
    // (That a reset puts a copy back exactly is held in test/sim/gpu/batch.test.ts, on a network whose state at onset shows in its spikes.)
    const images = imagesOf(test, 0, 16);
    const start = digits.batch.stepCount;
    const responses = await batchedResponder({ ...digits, input: ONCE })(images);
    expect(digits.batch.stepCount).toBe(start + 2 * ROUND_STEPS);
    expect(total(responses, 0)).toBeGreaterThan(0);
    expect(row(responses, 0)).toEqual(Array.from(await cpuResponse(images[0], start, ONCE)));
    expect(row(responses, 8)).toEqual(Array.from(await cpuResponse(images[8], start + ROUND_STEPS, ONCE)));
  });

  it('raises the input per copy as present does: with minSpikes out of reach every image is shown twice (255 Hz, then 286.875 Hz) and copy 0 still equals the CPU', async () => {
    const twice: InputPolicy = { ...INPUT, minSpikes: 1e9, maxPresentations: 2 };
    const images = imagesOf(test, 16, 4);
    const start = digits.batch.stepCount;
    const responses = await batchedResponder({ ...digits, input: twice })(images);
    expect(digits.batch.stepCount).toBe(start + 2 * ROUND_STEPS);
    expect(row(responses, 0)).toEqual(Array.from(await cpuResponse(images[0], start, twice)));
  });

  it('gives the other copies the same image statistically: 7 copies and 7 CPU presentations of one digit from other steps agree in mean spikes within 3 standard errors (at least 1 spike), with the same most active neuron', async () => {
    const image = imagesOf(test, 20, 1)[0];
    const responses = await batchedResponder({ ...digits, input: ONCE })(new Array(COPIES).fill(image));
    const cpuResponses = new Float32Array((COPIES - 1) * NEURONS);
    for (let k = 1; k < COPIES; k++) cpuResponses.set(await cpuResponse(image, trained.step + k * ROUND_STEPS, ONCE), (k - 1) * NEURONS);
    const others = responses.subarray(NEURONS);
    const totals = (r: Float32Array) => Array.from({ length: COPIES - 1 }, (_, k) => total(r, k));
    const [gpu, cpu] = [totals(others), totals(cpuResponses)];
    expect(Math.min(...gpu, ...cpu)).toBeGreaterThan(0);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const variance = (x: number[]) => x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1);
    const standardError = Math.sqrt((variance(gpu) + variance(cpu)) / (COPIES - 1));
    expect(Math.abs(mean(gpu) - mean(cpu))).toBeLessThanOrEqual(3 * Math.max(standardError, 1));
    const winner = (r: Float32Array) => {
      const perNeuron = Array.from({ length: NEURONS }, (_, j) => totals(r).reduce((s, _t, k) => s + r[k * NEURONS + j], 0));
      return perNeuron.indexOf(Math.max(...perNeuron));
    };
    expect(winner(others)).toBe(winner(cpuResponses));
  });
});

describe('labelAndTest', () => {
  it('labels each neuron by its best class and classifies by the labelled votes: neurons 0, 1 answer class 0 and 1; the test answers give 2 of 3 right', () => {
    // Two neurons: class-0 label images make neuron 0 fire, class-1 images neuron 1; the third test image is a class-1 image answered by neuron 0.
    const label = { responses: Float32Array.of(3, 0, 0, 2, 4, 1, 1, 5), labels: Uint8Array.of(0, 1, 0, 1) };
    const test = { responses: Float32Array.of(3, 0, 1, 5, 2, 0), labels: Uint8Array.of(0, 1, 1) };
    const result = labelAndTest(label, test, 2, 2);
    expect(Array.from(result.assignment)).toEqual([0, 1]);
    expect(Array.from(result.predicted)).toEqual([0, 1, 0]);
    expect(result.accuracy).toBeCloseTo(2 / 3, 12);
    expect(result.confusion).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });
});
