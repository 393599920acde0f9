/**
 * Saving and reopening learned state through the host: a snapshot asked
 * for mid-run, loaded with its genome into a fresh host, continues the run
 * spike for spike; a state that does not fit its genome is refused whole
 * and the running network stays.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/model';
import type { EngineSnapshot } from '@/sim';
import { HostHarness } from './host-harness';

/** The playground: STDP, dopamine-gated STDP, inhibitory plasticity, pruning, growth and births all move its state from step 0. */
const genome = PRESETS.playground.genome({});

const spikesOf = (h: HostHarness) => {
  const frame = h.last('frame');
  return Array.from(frame.spikeNeuron, (n, k) => `${frame.spikeStep[k]}:${n}`);
};

describe('EngineHost: saved state', () => {
  it('a snapshot at step 3,000, loaded into a fresh host with its genome, gives the same 3,000 next steps as the run that never stopped', async () => {
    const sender = new HostHarness();
    await sender.send({ type: 'load', genome });
    await sender.send({ type: 'step', steps: 3000 });
    await sender.send({ type: 'snapshot', id: 1 });
    const reply = sender.last('snapshot');
    expect([reply.id, reply.snapshot.step]).toEqual([1, 3000]);
    // The arrays were transferred: copy before the sender runs on.
    const snapshot: EngineSnapshot = { ...reply.snapshot, arrays: Object.fromEntries(Object.entries(reply.snapshot.arrays).map(([name, array]) => [name, array.slice()])) };
    await sender.send({ type: 'step', steps: 3000 });

    const receiver = new HostHarness();
    await receiver.send({ type: 'load', genome, snapshot });
    expect(receiver.last('status').step).toBe(3000);
    await receiver.send({ type: 'step', steps: 3000 });
    const continued = spikesOf(receiver);
    expect(continued.length).toBeGreaterThan(0);
    expect(continued).toEqual(spikesOf(sender));
  });

  it('refuses a state that does not fit its genome (another network size), naming it, and keeps the running network', async () => {
    const other = new HostHarness();
    await other.send({ type: 'load', genome: PRESETS.balanced.genome({ neurons: 100 }) });
    await other.send({ type: 'snapshot', id: 2 });
    const wrong = other.last('snapshot').snapshot;

    const h = new HostHarness();
    await h.send({ type: 'load', genome });
    await h.send({ type: 'step', steps: 100 });
    await h.send({ type: 'load', genome, snapshot: wrong });
    const error = h.last('error');
    expect(error.phase).toBe('build');
    expect(error.message).toMatch(/^The saved state does not fit this genome:\nrestore: the snapshot does not fit this network/);
    await h.send({ type: 'step', steps: 100 });
    expect(h.last('frame').stepEnd).toBe(200);
  });
});
