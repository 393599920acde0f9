import { describe, expect, it } from 'vitest';
import { CpuEngine } from '@/sim/cpu';
import { handConnectome, lif, sources, type HandSynapse } from './fixtures';

/** 30 Poisson sources at 40 Hz onto 8 LIF neurons, current- or conductance-based; `adaptive` gives the LIF population an adaptive threshold. */
function driven(synapse: 'current' | 'conductance', adaptive: { theta_plus_mV: number } | undefined) {
  const synapses: HandSynapse[] = [];
  for (let from = 0; from < 30; from++)
    for (let k = 0; k < 4; k++) synapses.push({ from, to: (from * 3 + k) % 8, weight: synapse === 'current' ? 6 : 0.3, delaySteps: 1 + (k % 3) });
  const engine = new CpuEngine(
    handConnectome({
      seed: 4,
      populations: [sources('in', 30, 'poisson', 40), { ...lif('cell', 8, { t_ref_ms: 2 }), adaptive_threshold: adaptive }],
      projections: [{ source: 'in', target: 'cell', synapse, synapses }],
    }),
  );
  engine.step(3_000);
  const frame = engine.takeFrame();
  return Array.from(frame.spikeNeuron, (n, k) => `${frame.spikeStep[k]}:${n}`).filter((s) => Number(s.split(':')[1]) >= 30);
}

describe('LIF with an adaptive threshold', () => {
  // theta_plus = 0 keeps theta at 0: the adaptive loop must then be the plain LIF loop, spike for spike.
  it('fires spike for spike like the plain loops when theta_plus = 0 (current- and conductance-based, 0.3 s)', () => {
    for (const synapse of ['current', 'conductance'] as const) {
      const plain = driven(synapse, undefined);
      expect(plain.length, synapse).toBeGreaterThan(50);
      expect(driven(synapse, { theta_plus_mV: 0 }), synapse).toEqual(plain);
    }
  });

  it('fires less as theta rises: theta_plus = 2 mV gives fewer spikes than none', () => {
    for (const synapse of ['current', 'conductance'] as const) expect(driven(synapse, { theta_plus_mV: 2 }).length).toBeLessThan(driven(synapse, undefined).length * 0.8);
  });
});
