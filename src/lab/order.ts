/**
 * The order samples are shown in: a seeded Fisher-Yates shuffle per epoch,
 * drawn from Philox like every other random choice, so a run repeats exactly
 * from its seed.
 */
import { philox4x32, toUniform } from '@/sim';

/**
 * Second key word of the protocol's draws, apart from the network's streams
 * (src/sim/rng.ts uses 1..4). Counter: (epoch, position, 0, 0).
 */
export const PROTOCOL_STREAM = 16;

/** `items` shuffled for `epoch` under `seed`: the same seed and epoch give the same order. */
export function shuffled(items: ArrayLike<number>, seed: number, epoch: number): Uint32Array {
  const order = Uint32Array.from(items);
  const words = new Uint32Array(4);
  for (let i = order.length - 1; i > 0; i--) {
    philox4x32(epoch, i, 0, 0, seed, PROTOCOL_STREAM, words);
    const j = Math.floor(toUniform(words[0]) * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** 0 .. n - 1. */
export function range(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}
