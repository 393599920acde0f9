import { describe, expect, it } from 'vitest';
import { CHANNEL_COUNT, Channel, EMPTY_SLOT, FIXED_POINT_SCALE } from '@/sim/connectome';
import { CpuEngine, populationConstants } from '@/sim/cpu';
import { learningConstants } from '@/sim/cpu/learning-params';
import { outgoingRows, propagate } from '@/sim/cpu/propagate';
import { createSpikeList, createState } from '@/sim/cpu/state';
import { handConnectome, lif } from './fixtures';

/** A weight whose fixed-point rounding shows: 0.123456789 x 2^16 = 8090.86 -> 8091. */
const W = 0.123456789;
const W_FIXED = Math.floor(Math.fround(W) * FIXED_POINT_SCALE + 0.5);

/**
 * One presynaptic LIF neuron that starts above threshold (v = 0 mV), so it fires at step 0, and stays
 * refractory for the whole test; three silent targets reached with delays 1, 3 and 7 steps, and one
 * inhibitory neuron onto target 0 with delay 2.
 */
function network() {
  return handConnectome({
    populations: [
      { ...lif('pre', 1, { t_ref_ms: 1000 }), init_v_mV: { kind: 'constant', value: 0 } },
      lif('post', 3, { v_thresh_mV: 100 }),
      { ...lif('inh', 1, { t_ref_ms: 1000 }, 'inhibitory'), init_v_mV: { kind: 'constant', value: 0 } },
    ],
    projections: [
      {
        source: 'pre',
        target: 'post',
        synapses: [
          { from: 0, to: 0, weight: W, delaySteps: 1 },
          { from: 0, to: 1, weight: W, delaySteps: 3 },
          { from: 0, to: 2, weight: W, delaySteps: 7 },
        ],
      },
      { source: 'inh', target: 'post', synapses: [{ from: 0, to: 0, weight: 2.5, delaySteps: 2 }] },
    ],
  });
}

describe('propagate', () => {
  it('adds floor(w 2^16 + 0.5) = 8091 at slot (t + d) % ringLength of the channel, wrapping past the ring end', () => {
    const connectome = network();
    const state = createState(connectome, populationConstants(connectome), learningConstants(connectome));
    const spikes = createSpikeList(connectome.neuronCount);
    spikes.neuron[0] = 0;
    spikes.count = 1;
    // ringLength = 8 (longest delay 7 + 1); at step 13 (slot 5) delays 1, 3, 7 land in slots 6, 0, 4.
    const events = propagate(state, outgoingRows(connectome), connectome.populationOf, 13, spikes);
    const at = (slot: number, channel: number, neuron: number) => state.ring[(slot * CHANNEL_COUNT + channel) * connectome.neuronCount + neuron];
    expect(events).toBe(3);
    expect(W_FIXED).toBe(8091);
    expect(at(6, Channel.excCurrent, 1)).toBe(8091);
    expect(at(0, Channel.excCurrent, 2)).toBe(8091);
    expect(at(4, Channel.excCurrent, 3)).toBe(8091);
    expect(state.ring.reduce((a, b) => a + b, 0)).toBe(3 * 8091);
  });

  it('skips an emptied slot inside a row (EMPTY_SLOT target): 2 events instead of 3', () => {
    const connectome = network();
    const state = createState(connectome, populationConstants(connectome), learningConstants(connectome));
    state.synapses.target[1] = EMPTY_SLOT;
    const spikes = createSpikeList(connectome.neuronCount);
    spikes.count = 1;
    expect(propagate(state, outgoingRows(connectome), connectome.populationOf, 0, spikes)).toBe(2);
    expect(state.ring.reduce((a, b) => a + b, 0)).toBe(2 * 8091);
  });

  // The spike at step 0 is delivered at the start of step d and the step then decays ge by
  // alpha_e = exp(-dt / tau_e): ge after step d is (8091 / 2^16) alpha_e, and 0 before.
  it('delivers a spike d = 1, 3, 7 steps later as 8091 / 2^16 into ge, and 2.5 mV into gi at d = 2', () => {
    const connectome = network();
    const engine = new CpuEngine(connectome);
    const post = populationConstants(connectome)[1];
    if (post.kind !== 'lif') throw new Error('post is a LIF population');
    const arrived = Math.fround((W_FIXED / FIXED_POINT_SCALE) * post.alphaE);
    const firstNonZero = new Map<number, number>();
    for (let step = 0; step < 10; step++) {
      engine.step(1);
      for (const target of [1, 2, 3]) if (engine.state.ge[target] !== 0 && !firstNonZero.has(target)) firstNonZero.set(target, step);
      if (step === 1) expect(engine.state.ge[1]).toBe(arrived);
      if (step === 3) expect(engine.state.ge[2]).toBe(arrived);
      if (step === 7) expect(engine.state.ge[3]).toBe(arrived);
      if (step === 2) expect(engine.state.gi[1]).toBe(Math.fround(2.5 * post.alphaI));
    }
    const frame = engine.takeFrame();
    expect(Array.from(frame.spikeStep)).toEqual([0, 0]);
    expect(Object.fromEntries(firstNonZero)).toEqual({ 1: 1, 2: 3, 3: 7 });
    expect(frame.synapticEvents).toBe(4);
  });
});
