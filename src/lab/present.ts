/**
 * Showing one image to a network through its retina: the input is on for
 * the schedule's presentation, then silent for its rest. When the read-out
 * population answers with fewer than `minSpikes`, the input is raised by
 * `stepHz` at full intensity and the image shown again (Diehl & Cook 2015,
 * 2.5), at most `maxPresentations` times.
 */
import type { Engine } from '@/sim';
import { retinaRates, type Retina } from '@/stimuli';
import type { Response, RewardRule } from './protocol';

/** A population's neurons: global indices start .. start + size - 1. */
export interface NeuronRange {
  start: number;
  size: number;
}

/** How the input is set and raised. */
export interface InputPolicy {
  /** Rate of a full-intensity pixel at the first presentation, Hz. */
  maxRateHz: number;
  /** Added to it at each repeat, Hz. */
  stepHz: number;
  /** Fewer read-out spikes than this in a presentation: raise the input and show the image again. */
  minSpikes: number;
  /** Presentations before the answer is taken as it is. */
  maxPresentations: number;
}

/** An engine, its retina and read-out, and the steps of a presentation and a rest. */
export interface Stage {
  engine: Engine;
  retina: Retina;
  readout: NeuronRange;
  steps: { presentation: number; rest: number };
  input: InputPolicy;
  /** Rates of the current presentation, reused. */
  rates: Float32Array;
}

/** What happens around each presentation. */
export interface PresentHooks {
  /** Called before the input goes on, at every presentation (e.g. weight normalisation). */
  beforePresentation?: () => void;
  /** Called with the accepted presentation's response; its pulse is given before the rest. */
  afterPresentation?: RewardRule;
}

/** Spikes of each read-out neuron in `spikeNeuron` (global indices). */
export function countSpikes(spikeNeuron: Uint32Array, readout: NeuronRange, counts: Float32Array): number {
  counts.fill(0);
  const { start, size } = readout;
  let total = 0;
  for (let k = 0; k < spikeNeuron.length; k++) {
    const j = spikeNeuron[k] - start;
    if (j >= 0 && j < size) {
      counts[j]++;
      total++;
    }
  }
  return total;
}

/** Shows `image` (raising the input while the answer is too weak) and returns the read-out's answer to the last presentation. */
export async function present(stage: Stage, image: Uint8Array, hooks: PresentHooks = {}): Promise<Response> {
  const { engine, retina, readout, steps, input, rates } = stage;
  const counts = new Float32Array(readout.size);
  let total = 0;
  let presentations = 0;
  let maxRateHz = input.maxRateHz;
  for (;;) {
    hooks.beforePresentation?.();
    engine.setInputRates(retina.population, retinaRates(retina, image, maxRateHz, rates));
    engine.step(steps.presentation);
    total = countSpikes((await engine.readFrame()).spikeNeuron, readout, counts);
    presentations++;
    const done = total >= input.minSpikes || presentations >= input.maxPresentations;
    if (done) {
      const pulse = hooks.afterPresentation?.({ counts, total, presentations, maxRateHz });
      if (pulse) engine.pulseModulator(pulse.modulator, pulse.amount);
    }
    engine.setInputRates(retina.population, 0);
    engine.step(steps.rest);
    await engine.readFrame();
    if (done) return { counts, total, presentations, maxRateHz };
    maxRateHz += input.stepHz;
  }
}
