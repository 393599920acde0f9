import { describe, expect, it } from 'vitest';
import { DIGITS_INPUT, frozenGenome, growDigitsNetworks, present, scheduleSteps, type DigitsNetwork } from '@/lab';
import { parseGenome, projectionName } from '@/model';
import { DIEHL_COOK_2015, digitsGenome } from '@/model/presets/digits';
import { buildConnectome, EMPTY_SLOT } from '@/sim';
import { imageAt } from '@/stimuli';
import { mnistDigits } from '../stimuli/mnist-digits';

describe('the Diehl & Cook genome', () => {
  const genome = parseGenome(digitsGenome(100, 3));

  it('has a 28x28 retina (784 sources), 100 Ae and 100 Ai neurons, dt 0.5 ms', () => {
    expect(genome.populations.map((p) => [p.name, p.size])).toEqual([
      ['retina', 784],
      ['Ae', 100],
      ['Ai', 100],
    ]);
    expect(genome.dt_ms).toBe(0.5);
  });

  it('learns retina -> Ae by eq. 5 with the code constants: eta_post 0.01, x_tar 0.4, mu 0.2, w_max 1; normalised to 78', () => {
    const input = genome.projections[0];
    expect(input.plasticity).toEqual({ rule: 'diehl_cook', eta_post: 0.01, x_tar: 0.4, mu: 0.2, w_min: 0, w_max: 1 });
    expect(input.normalization).toEqual({ total: 78, every_ms: 0 });
  });

  it('scales the normalisation with the retina: 78 x 400 / 784 for a 20x20 image', () => {
    expect(parseGenome(digitsGenome(10, 1, { width: 20, height: 20 })).projections[0].normalization?.total).toBeCloseTo((78 * 400) / 784, 10);
  });

  it('starts Ae at -52 mV threshold with theta_plus 0.05 mV and tau_theta 1e7 ms (code: v_thresh_e, theta_plus_e, tc_theta)', () => {
    const ae = genome.populations[1];
    expect(ae.neuron.model === 'lif' && ae.neuron.v_thresh_mV).toBe(DIEHL_COOK_2015.excitatory.v_thresh_mV);
    expect(ae.adaptive_threshold).toEqual({ theta_plus_mV: 0.05, tau_theta_ms: 1e7 });
  });
});

describe('winner-take-all inhibition', () => {
  it('has each Ai neuron inhibit the 4 other Ae neurons of 5, never its own partner (code: random/AiAe.npy, 0 on the diagonal)', () => {
    const genome = parseGenome(digitsGenome(5, 1));
    const connectome = buildConnectome(genome);
    const index = genome.projections.findIndex((p) => projectionName(p) === 'Ai->Ae');
    const projection = connectome.projections[index];
    const ae = connectome.populations[1];
    for (let row = 0; row < 5; row++) {
      const first = projection.slotStart + row * projection.rowCapacity;
      const targets = Array.from(connectome.synapses.target.subarray(first, first + connectome.synapses.rowEnd[projection.rowStart + row]))
        .filter((t) => t !== EMPTY_SLOT)
        .map((t) => t - ae.start);
      expect(targets).toEqual([0, 1, 2, 3, 4].filter((j) => j !== row));
    }
  });
});

describe('frozenGenome', () => {
  it('zeroes eta_post and theta_plus and slows theta decay to 1e8 ms, nothing else', () => {
    const input = digitsGenome(10, 1);
    const frozen = parseGenome(frozenGenome(input));
    const learning = parseGenome(input);
    expect(frozen.projections[0].plasticity).toEqual({ ...learning.projections[0].plasticity, eta_post: 0 });
    expect(frozen.populations[1].adaptive_threshold).toEqual({ theta_plus_mV: 0, tau_theta_ms: 1e8 });
    expect({ ...frozen, projections: [], populations: [] }).toEqual({ ...learning, projections: [], populations: [] });
    expect(frozen.projections.slice(1)).toEqual(learning.projections.slice(1));
  });
});

describe('the frozen twin', () => {
  const { learning, frozen } = growDigitsNetworks(10, 2, { width: 28, height: 28 });
  const image = imageAt(mnistDigits(), 0);
  const show = (network: DigitsNetwork) =>
    present(
      { engine: network.engine, retina: network.retina, readout: network.excitatory, steps: scheduleSteps({ presentation_ms: 100, rest_ms: 20 }, 0.5), input: DIGITS_INPUT, rates: new Float32Array(784) },
      image,
    );

  it('learns in the learning network: a presentation with spikes moves weights and raises theta', async () => {
    const before = await learning.engine.snapshot();
    const response = await show(learning);
    const after = await learning.engine.snapshot();
    expect(response.total).toBeGreaterThan(0);
    expect(after.arrays.weight).not.toEqual(before.arrays.weight);
    expect(Math.max(...after.arrays.theta)).toBeGreaterThan(0);
  });

  it('keeps the restored weights and thresholds exactly through a presentation with spikes', async () => {
    await frozen.engine.restore(await learning.engine.snapshot());
    const before = await frozen.engine.snapshot();
    const response = await show(frozen);
    const after = await frozen.engine.snapshot();
    expect(response.total).toBeGreaterThan(0);
    expect(after.arrays.weight).toEqual(before.arrays.weight);
    // theta decays by exp(-dt / 1e8 ms) per step: 240 steps change it by under 2e-6 of itself.
    const drift = Array.from(after.arrays.theta).map((t, i) => Math.abs(t - before.arrays.theta[i]) / Math.max(1e-9, before.arrays.theta[i]));
    expect(Math.max(...drift)).toBeLessThan(2e-6);
  });
});
