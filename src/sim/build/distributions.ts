/**
 * Values of a genome `Distribution` from Philox words. The caller owns the
 * stream and the counter, so each use of randomness keeps its own layout
 * (see `Stream` in ../rng.ts) and a constant costs no Philox call at all.
 */
import type { Distribution } from '@/model';
import { toNormal, toUniform } from '../rng';

/** A distribution that needs no random words. */
export function isConstant(d: Distribution): boolean {
  return d.kind === 'constant';
}

/**
 * One value: a uniform uses word `w0`, a normal uses `w0` and `w1`
 * (Box-Muller) and is clipped to [min, max] where the genome gives them.
 */
export function drawFromWords(d: Distribution, w0: number, w1: number): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * toUniform(w0);
    case 'normal': {
      const x = d.mean + d.sd * toNormal(w0, w1);
      if (d.min !== undefined && x < d.min) return d.min;
      if (d.max !== undefined && x > d.max) return d.max;
      return x;
    }
  }
}

const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * A uniform integer in [0, n) from two words. 53 random bits (27 of w0, 26
 * of w1, as Random123's u01 does) keep the bias below n / 2^53, where the
 * 24 bits of `toUniform` would favour some of 2 million indices by 12%.
 */
export function uniformIndex(w0: number, w1: number, n: number): number {
  return Math.floor(((w0 >>> 5) * TWO_POW_26 + (w1 >>> 6)) * TWO_POW_MINUS_53 * n);
}
