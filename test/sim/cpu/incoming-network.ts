/**
 * A small network for reading synapses back (readIncoming, readSlots): the
 * same five synapses through a static and a plastic projection, so each
 * engine finds them once by walking rows and once through the reverse index.
 */
import type { Connectome } from '@/sim/connectome';
import { handConnectome, lif, sources, type HandSynapse } from './fixtures';

/** Row 0 -> E2 0.1, E0 0.2; row 1 -> E0 0.3; row 3 -> E0 0.4, E2 0.5 (rows list them out of source order per target). */
const SYNAPSES: HandSynapse[] = [
  { from: 0, to: 2, weight: 0.1, delaySteps: 1 },
  { from: 0, to: 0, weight: 0.2, delaySteps: 1 },
  { from: 1, to: 0, weight: 0.3, delaySteps: 1 },
  { from: 3, to: 0, weight: 0.4, delaySteps: 1 },
  { from: 3, to: 2, weight: 0.5, delaySteps: 1 },
];

/**
 * Global indices: a 0-3, b 4-7, E 8-11 (E[3] unborn). a -> E is static and
 * b -> E plastic (reverse-index columns); both carry SYNAPSES in rows of 2
 * slots: a's slots 0-7 (row r at 2r), b's 8-15.
 */
export function twoWays(): Connectome {
  return handConnectome({
    populations: [sources('a', 4, 'poisson', 0), sources('b', 4, 'poisson', 0), { ...lif('E', 3), capacity: 4 }],
    projections: [
      { source: 'a', target: 'E', synapses: SYNAPSES },
      { source: 'b', target: 'E', synapses: SYNAPSES, plasticity: { rule: 'stdp', w_max: 1 } },
    ],
  });
}
