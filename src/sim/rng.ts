/**
 * Philox4x32-10, the counter-based generator of Salmon et al. (2011),
 * "Parallel random numbers: as easy as 1, 2, 3" (Random123). A draw is a pure
 * function of (key, counter), so any engine (this file, or a WGSL kernel with
 * the same 32-bit arithmetic) reproduces any draw without shared state: the
 * same genome and seed always grow the same network and the same input spikes.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two u32, from 16-bit halves (exact in doubles). */
export function mulhi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Writes Philox4x32-10 of counter (c0..c3) under key (k0, k1) into `out`.
 * `out` may be reused across calls: the hot paths allocate nothing.
 */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): Uint32Array {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulhi32(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi32(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** A u32 as a uniform float in [0, 1) with 24 bits, exactly representable in f32 (as on the GPU). */
export function toUniform(word: number): number {
  return (word >>> 8) * (1 / 16777216);
}

/** A u32 as a uniform float in (0, 1]: safe under a logarithm. */
export function toUniformOpenZero(word: number): number {
  return ((word >>> 8) + 1) * (1 / 16777216);
}

/** A standard normal from two words (Box-Muller). */
export function toNormal(word0: number, word1: number): number {
  return Math.sqrt(-2 * Math.log(toUniformOpenZero(word0))) * Math.cos(2 * Math.PI * toUniform(word1));
}

/**
 * Independent streams under one seed: the second key word. Each use of
 * randomness in the model has its own, so adding draws to one never shifts
 * another.
 */
export const Stream = {
  /** Which synapses exist. Counter: (projection, row, draw, 0). */
  connect: 1,
  /** Weights and delays of new synapses. Counter: (projection, row, slot, 1). */
  synapse: 2,
  /** Initial neuron state. Counter: (population, neuron, 0, 0). */
  init: 3,
  /** Spike-source input. Counter: (step, floor(neuron / 4), 0, 0), word neuron % 4. */
  input: 4,
  /**
   * Structural plasticity (cpu/structure*.ts). Counter (.., tag) by its last word:
   * growth on a projection (step, projection, attempt, tag), tags 0-3 on its
   * period and 4-7 under negative drive; a newborn target's sources under the
   * probability rule (projection, target, call, 8); weight and delay of a
   * synapse made onto a newborn (projection, source, target, 9); the event
   * sample's reservoir (event number low, high, 0, 10).
   */
  structure: 5,
} as const;
export type Stream = (typeof Stream)[keyof typeof Stream];
