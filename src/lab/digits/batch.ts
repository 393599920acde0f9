/**
 * Labelling and testing the digits network in batches on the GPU: B images
 * at once, one per copy of the frozen network, in the test mode runDigits
 * uses (each image meets the trained state; when the excitatory layer
 * answers with fewer than minSpikes, that image's input is raised and it is
 * shown again). Copies run in lockstep, presentation and rest alike; a copy
 * whose image is answered takes the next image, reset to the trained state,
 * at the next presentation, while the others repeat theirs.
 *
 * The sequential reference is the same protocol one image at a time on the
 * frozen twin (runDigits's labelling and testing). Copy 0 draws the CPU
 * engine's input spikes, so for an image shown from the same step it gives
 * the CPU's counts; the other copies differ only by their input draws.
 */
import { parseGenome, type GenomeInput } from '@/model';
import { digitsGenome, type DigitsInput } from '@/model/presets/digits';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { GpuBatch } from '@/sim/gpu/batch';
import { findRetina, retinaRates, type Retina } from '@/stimuli';
import { accuracy, assignLabels, classifyAll, confusionMatrix } from '../labelling';
import { present, type InputPolicy, type NeuronRange } from '../present';
import { scheduleSteps, type Schedule } from '../protocol';
import { frozenGenome, type DigitsNetwork } from './network';
import { DIGITS_INPUT, DIGITS_SCHEDULE, stageOf } from './run';

/** The excitatory layer's spikes to the accepted presentation of each image: images x neurons, row-major. */
export type Responder = (images: readonly Uint8Array[]) => Promise<Float32Array>;

/**
 * The frozen twin's genome without the rules it keeps at rate zero
 * (plasticity, normalisation): nothing in it learns, so the copies can share
 * its weights; its dynamics are the twin's.
 */
export function evaluationGenome(neurons: number, seed: number, image: DigitsInput): GenomeInput {
  const frozen = frozenGenome(digitsGenome(neurons, seed, image));
  return {
    ...frozen,
    projections: (frozen.projections ?? []).map((p) => ({ ...p, plasticity: undefined, normalization: undefined })),
  };
}

/** The frozen digits network in `copies` copies on the GPU, with what presenting an image needs. */
export interface DigitsBatch {
  batch: GpuBatch;
  retina: Retina;
  excitatory: NeuronRange;
  steps: { presentation: number; rest: number };
  input: InputPolicy;
}

export interface DigitsBatchOptions {
  neurons: number;
  seed: number;
  image: DigitsInput;
  copies: number;
  /** Default: 350 ms on, 150 ms rest (the paper). */
  schedule?: Schedule;
  /** Default: the paper's input and its raise, as runDigits. */
  input?: Partial<InputPolicy>;
}

export async function growDigitsBatch(device: GPUDevice, sources: Partial<Record<string, string>>, options: DigitsBatchOptions): Promise<DigitsBatch> {
  const genome = parseGenome(evaluationGenome(options.neurons, options.seed, options.image));
  const connectome = buildConnectome(genome);
  const ae = connectome.populations.find((p) => p.name === 'Ae')!;
  return {
    batch: await GpuBatch.create(device, connectome, sources, options.copies),
    retina: findRetina(genome),
    excitatory: { start: ae.start, size: ae.size },
    steps: scheduleSteps(options.schedule ?? DIGITS_SCHEDULE, genome.dt_ms),
    input: { ...DIGITS_INPUT, ...options.input },
  };
}

/** An image being shown in one copy. */
interface Showing {
  image: number;
  presentations: number;
  maxRateHz: number;
}

/** Responses of the batch, loaded with the trained state (GpuBatch.load), to `images`, in their order. */
export function batchedResponder(digits: DigitsBatch): Responder {
  return async (images) => {
    const { batch, retina, excitatory, steps, input } = digits;
    const size = excitatory.size;
    const responses = new Float32Array(images.length * size);
    const showing: (Showing | undefined)[] = new Array(batch.copies).fill(undefined);
    const rates = new Float32Array(retina.width * retina.height);
    let next = 0;
    let answered = 0;
    while (answered < images.length) {
      const fresh: number[] = [];
      for (let c = 0; c < batch.copies && next < images.length; c++) {
        if (showing[c]) continue;
        showing[c] = { image: next++, presentations: 0, maxRateHz: input.maxRateHz };
        fresh.push(c);
      }
      batch.reset(fresh);
      showing.forEach((s, c) => batch.setInputRates(c, retina.population, s ? retinaRates(retina, images[s.image], s.maxRateHz, rates) : 0));
      batch.clearCounts();
      batch.step(steps.presentation);
      const counts = batch.readCounts(excitatory);
      // The rest is submitted before the counts are awaited, so the device never waits for this loop.
      batch.silence(retina.population);
      batch.step(steps.rest);
      const words = await counts;
      showing.forEach((s, c) => {
        if (!s) return;
        const answer = words.subarray(c * size, (c + 1) * size);
        const total = answer.reduce((sum, x) => sum + x, 0);
        s.presentations++;
        if (total >= input.minSpikes || s.presentations >= input.maxPresentations) {
          responses.set(answer, s.image * size);
          showing[c] = undefined;
          answered++;
        } else {
          s.maxRateHz += input.stepHz;
        }
      });
    }
    return responses;
  };
}

/**
 * Responses of `network` (the frozen twin) one image at a time, `trained`
 * restored before each at the engine's current step: runDigits's labelling
 * and testing.
 */
export function sequentialResponder(network: DigitsNetwork, trained: EngineSnapshot, schedule: Schedule = DIGITS_SCHEDULE, input: InputPolicy = DIGITS_INPUT): Responder {
  const stage = stageOf(network, schedule, input);
  return async (images) => {
    const size = network.excitatory.size;
    const responses = new Float32Array(images.length * size);
    for (let k = 0; k < images.length; k++) {
      await network.engine.restore({ ...trained, step: network.engine.stepCount });
      responses.set((await present(stage, images[k])).counts, k * size);
    }
    return responses;
  };
}

export interface Evaluation {
  /** Fraction of the test images classified right. */
  accuracy: number;
  /** Class of each excitatory neuron, UNLABELLED where it never fired while labelling. */
  assignment: Int16Array;
  /** Predicted class of each test image, NO_ANSWER where no labelled neuron fired. */
  predicted: Int16Array;
  /** classes x classes, row = true class, column = predicted. */
  confusion: number[][];
}

/**
 * Labels each neuron by its responses to the label images (a Responder's
 * output, images x neurons), then classifies the test images by theirs,
 * as runDigits does (labelling.ts).
 */
export function labelAndTest(label: { responses: Float32Array; labels: Uint8Array }, test: { responses: Float32Array; labels: Uint8Array }, neurons: number, classes: number): Evaluation {
  const assignment = assignLabels(label.responses, label.labels, neurons, classes);
  const predicted = classifyAll(assignment, test.responses, classes);
  return { accuracy: accuracy(test.labels, predicted), assignment, predicted, confusion: confusionMatrix(test.labels, predicted, classes) };
}
