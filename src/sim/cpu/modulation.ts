/**
 * Stage `modulation`: the third factor. Each step, on every modulated
 * projection, each synapse's eligibility decays, e *= exp(-dt / tau_e), and
 * its weight moves by learning_rate x e x M x dt_ms (clipped), M being the
 * level of the projection's modulator; then every modulator level decays,
 * M *= exp(-dt / tau_ms). With M = 0 eligibility still decays but no weight
 * moves: STDP only tags synapses until a reward (dopamine) or a punishment
 * (aversion) confirms them.
 */
import { MODULATOR_NAMES, type Genome, type ModulatorName } from '@/model';
import { EMPTY_SLOT } from '../connectome';
import { clampWeight, type PlasticProjections } from './plastic-projections';
import type { CpuState } from './state';

const f32 = Math.fround;

/** exp(-dt / tau_ms) of each modulator, in MODULATOR_NAMES order: its decay over one step. */
export function modulatorDecay(genome: Genome): Float32Array {
  return Float32Array.from(MODULATOR_NAMES, (name) => f32(Math.exp(-genome.dt_ms / genome.modulators[name].tau_ms)));
}

export function modulation(state: CpuState, plastic: PlasticProjections, decay: Float32Array): void {
  const { eligibility, modulators } = state;
  const { target, weight, rowEnd } = state.synapses;
  const { modulated } = plastic;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const empty = EMPTY_SLOT;
  const clamp = clampWeight;
  for (let p = 0; p < modulated.length; p++) {
    const c = modulated[p];
    const m = c.modulation!;
    const { wMin, wMax, slotStart, rowStart, rowCapacity, rowCount } = c;
    const alphaEligibility = m.alphaEligibility;
    // One gain per projection per step: learning_rate dt x M.
    const gain = m.learningRateDtMs * modulators[m.modulator];
    for (let row = 0; row < rowCount; row++) {
      const first = slotStart + row * rowCapacity;
      const end = first + rowEnd[rowStart + row];
      for (let s = first; s < end; s++) {
        if (target[s] === empty) continue;
        const e = eligibility[s] * alphaEligibility;
        eligibility[s] = e;
        // gain 0 (no modulator) moves no weight: skipping is exact.
        if (gain !== 0) weight[s] = clamp(weight[s] + gain * e, wMin, wMax);
      }
    }
  }
  for (let j = 0; j < modulators.length; j++) modulators[j] *= decay[j];
}

/** The index of a modulator in `modulators`, or a RangeError naming the known ones. */
export function modulatorIndex(name: ModulatorName, at: string): number {
  const index = MODULATOR_NAMES.indexOf(name);
  if (index < 0) throw new RangeError(`${at}: unknown modulator ${JSON.stringify(name)}; the modulators are ${MODULATOR_NAMES.join(', ')}`);
  return index;
}

/** A level the state can hold (a finite f32), or a RangeError naming the modulator. */
export function checkLevel(level: number, name: ModulatorName, at: string): number {
  if (!Number.isFinite(f32(level))) throw new RangeError(`${at}: level ${level} for "${name}" is not a finite 32-bit number`);
  return level;
}
