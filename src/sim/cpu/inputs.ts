/**
 * Stage `inputs`: spike sources emit their spikes for step t. Sources receive
 * no synapses, so they read no delay ring and hold no synaptic variables.
 */
import { philox4x32, Stream, toUniform } from '../rng';
import type { PopulationConstants, SourceConstants } from './params';
import type { NeuronState, SpikeList } from './state';

/**
 * Poisson: a Bernoulli draw per step with p = rate dt. Neuron i uses word
 * i % 4 of key (seed, Stream.input), counter (step, floor(i / 4), 0, 0): one
 * Philox call serves four neurons. The draw depends on nothing but (seed,
 * step, neuron), so any engine reproduces it.
 */
export function poissonSources(state: NeuronState, c: SourceConstants, step: number, seed: number, words: Uint32Array, spikes: SpikeList): void {
  const { rate_hz, alive } = state;
  const ids = spikes.neuron;
  const { end, dtS } = c;
  const t = step >>> 0;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const draw = philox4x32;
  const uniform = toUniform;
  const stream = Stream.input;
  const f32 = Math.fround;
  let count = spikes.count;
  let group = -1;
  for (let i = c.start; i < end; i++) {
    const rate = rate_hz[i];
    // At rate 0 no uniform in [0, 1) is below p = 0: skipping the draw changes nothing.
    if (alive[i] === 0 || rate === 0) continue;
    if (i >>> 2 !== group) {
      group = i >>> 2;
      draw(t, group, 0, 0, seed, stream, words);
    }
    // p = rate dt rounded to f32, the product a GPU computes.
    if (uniform(words[i & 3]) < f32(rate * dtS)) ids[count++] = i;
  }
  spikes.count = count;
}

/**
 * Regular: the phase advances by rate dt per step and a spike is emitted each
 * time it reaches 1, so the count over any span is exact to within one spike.
 * The phase is compared after rounding to f32, the value the state holds.
 */
export function regularSources(state: NeuronState, c: SourceConstants, spikes: SpikeList): void {
  const { rate_hz, phase, alive } = state;
  const ids = spikes.neuron;
  const { end, dtS } = c;
  let count = spikes.count;
  for (let i = c.start; i < end; i++) {
    if (alive[i] === 0) continue;
    // Two f32 operations, as a GPU rounds them: the step's advance, then the sum.
    let p = Math.fround(phase[i] + Math.fround(rate_hz[i] * dtS));
    if (p >= 1) {
      p -= 1;
      ids[count++] = i;
    }
    phase[i] = p;
  }
  spikes.count = count;
}

/** Stage `inputs`: every spike-source population in population order. `words` is scratch for Philox. */
export function inputs(state: NeuronState, constants: readonly PopulationConstants[], step: number, seed: number, words: Uint32Array, spikes: SpikeList): void {
  for (let p = 0; p < constants.length; p++) {
    const c = constants[p];
    if (c.kind !== 'spike_source') continue;
    if (c.process === 'poisson') poissonSources(state, c, step, seed, words, spikes);
    else regularSources(state, c, spikes);
  }
}
