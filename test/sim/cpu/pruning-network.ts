/**
 * The hand network the pruning tests share (CPU and GPU): three silent
 * sources onto four LIF neurons that never fire (no bias, no input), so only
 * the structural pull moves weights. Rows of 3 slots:
 * row 0 -> E0 0.05, E1 0.5, E2 0.15; row 1 -> E0 0.3, E3 0.08; row 2 -> E2 0.2.
 * Period 10 ms = 100 steps at dt 0.1 ms; decay 2 /s, so each period takes
 * 2 x 0.01 = 0.02 off every weight.
 */
import type { Connectome } from '@/sim';
import { handConnectome, lif, sources, type HandProjection } from './fixtures';

const PRUNING_WEIGHTS = [
  { from: 0, to: 0, weight: 0.05 },
  { from: 0, to: 1, weight: 0.5 },
  { from: 0, to: 2, weight: 0.15 },
  { from: 1, to: 0, weight: 0.3 },
  { from: 1, to: 3, weight: 0.08 },
  { from: 2, to: 2, weight: 0.2 },
];

/** What each period's pull takes off a weight, in f32. */
export const PULL = Math.fround(0.02);

/** The network with `structural` on its projection; plastic: dopamine-gated STDP, which never moves a weight here (no dopamine, no spikes). */
export function pruningConnectome(structural: HandProjection['structural'], plastic = true): Connectome {
  return handConnectome({
    populations: [sources('in', 3, 'poisson', 0), lif('E', 4)],
    projections: [
      {
        source: 'in',
        target: 'E',
        rowCapacity: 3,
        structural,
        plasticity: plastic ? { rule: 'stdp', w_max: 1, modulation: { modulator: 'dopamine' } } : undefined,
        synapses: PRUNING_WEIGHTS.map((w) => ({ ...w, delaySteps: 1 })),
      },
    ],
  });
}
