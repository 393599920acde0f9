/**
 * How much of a bin of spontaneous activity replays a learned pattern: the
 * Pearson correlation of the bin's activity vector (spikes per neuron) with
 * each pattern's assembly (1 on its members, 0 elsewhere), the best over the
 * patterns. The shuffled baseline is the same statistic after the bin's
 * neuron labels are permuted: it keeps the bin's spike count and its
 * spread over neurons and removes only which neurons fired together.
 */
import { EMPTY_SLOT, type Connectome, type EngineSnapshot } from '@/sim';

/** Pearson correlation of `a` and `b`; NaN when either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Indicator vector of each assembly: pattern k owns neurons k * perPattern .. (k + 1) * perPattern - 1. */
export function assemblies(patterns: number, perPattern: number): Float32Array[] {
  return Array.from({ length: patterns }, (_, k) => {
    const v = new Float32Array(patterns * perPattern);
    v.fill(1, k * perPattern, (k + 1) * perPattern);
    return v;
  });
}

/** The best correlation of `activity` with any assembly; NaN when the activity is constant (e.g. silent). */
export function bestMatch(activity: ArrayLike<number>, patterns: Float32Array[]): number {
  let best = NaN;
  for (const p of patterns) {
    const r = pearson(activity, p);
    if (Number.isNaN(best) || r > best) best = r;
  }
  return best;
}

/** `activity` with its neuron labels permuted by `order` (a permutation of its indices). */
export function permuted(activity: ArrayLike<number>, order: ArrayLike<number>, out: Float32Array): Float32Array {
  for (let i = 0; i < order.length; i++) out[i] = activity[order[i]];
  return out;
}

/**
 * Mean weight of the recurrent synapses of `population` onto itself within
 * an assembly and between assemblies, mV, read from a snapshot (any engine).
 */
export function assemblyWeights(snapshot: EngineSnapshot, connectome: Connectome, population: number, perPattern: number): { within_weight_mV: number; between_weight_mV: number } {
  const projection = connectome.projections.find((p) => p.source === population && p.target === population);
  if (!projection) throw new Error(`projections: population ${population} has no recurrent projection`);
  const { target, weight, rowEnd } = snapshot.arrays;
  const start = connectome.populations[population].start;
  const sum = [0, 0];
  const count = [0, 0];
  for (let row = 0; row < connectome.populations[population].capacity; row++) {
    const first = projection.slotStart + row * projection.rowCapacity;
    for (let s = first; s < first + rowEnd[projection.rowStart + row]; s++) {
      if (target[s] === EMPTY_SLOT) continue;
      const between = Math.floor(row / perPattern) === Math.floor((target[s] - start) / perPattern) ? 0 : 1;
      sum[between] += weight[s];
      count[between]++;
    }
  }
  return { within_weight_mV: sum[0] / count[0], between_weight_mV: sum[1] / count[1] };
}
