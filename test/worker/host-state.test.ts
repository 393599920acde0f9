/**
 * Saving and reopening learned state through the host: a snapshot asked
 * for mid-run, loaded with its genome into a fresh host, continues the run
 * spike for spike; a state that does not fit its genome is refused whole
 * and the running network stays.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/model';
import type { EngineSnapshot } from '@/sim';
import type { StimulusProgram } from '@/stimuli';
import { HostHarness } from './host-harness';

/** The playground: STDP, dopamine-gated STDP, inhibitory plasticity, pruning, growth and births all move its state from step 0. */
const genome = PRESETS.playground.genome({});

const spikesOf = (h: HostHarness) => {
  const frame = h.last('frame');
  return Array.from(frame.spikeNeuron, (n, k) => `${frame.spikeStep[k]}:${n}`);
};

/** Asks the host for a snapshot; the arrays were transferred, so copied before the sender runs on. */
async function takeSnapshot(h: HostHarness, id: number): Promise<{ snapshot: EngineSnapshot; boundAt: Record<string, number> }> {
  await h.send({ type: 'snapshot', id });
  const reply = h.last('snapshot');
  expect(reply.id).toBe(id);
  const arrays = Object.fromEntries(Object.entries(reply.snapshot.arrays).map(([name, array]) => [name, array.slice()]));
  return { snapshot: { ...reply.snapshot, arrays }, boundAt: reply.boundAt };
}

describe('EngineHost: saved state', () => {
  it('a snapshot at step 3,000, loaded into a fresh host with its genome, gives the same 3,000 next steps as the run that never stopped', async () => {
    const sender = new HostHarness();
    await sender.send({ type: 'load', genome });
    await sender.send({ type: 'step', steps: 3000 });
    const { snapshot, boundAt } = await takeSnapshot(sender, 1);
    expect([snapshot.step, boundAt]).toEqual([3000, {}]);
    await sender.send({ type: 'step', steps: 3000 });

    const receiver = new HostHarness();
    await receiver.send({ type: 'load', genome, snapshot });
    expect(receiver.last('status').step).toBe(3000);
    await receiver.send({ type: 'step', steps: 3000 });
    const continued = spikesOf(receiver);
    expect(continued.length).toBeGreaterThan(0);
    expect(continued).toEqual(spikesOf(sender));
  });

  // The balanced network's retina (256 sources) shown a looping stream: half the retina for 20 ms, the other half for
  // 20 ms, 10 ms of rest between; a period is 300 steps of 0.1 ms. Saved at step 2,500, the stream is 100 steps into
  // its ninth presentation; bound again from step 2,500, it would start its cycle over.
  it('a stream bound at step 0 and saved at step 2,500 goes on in its phase when bound again from its start step: the same 2,500 next steps', async () => {
    const balanced = PRESETS.balanced.genome({});
    const half = Float32Array.from({ length: 256 }, (_, i) => (i < 128 ? 1 : 0));
    const stream: StimulusProgram = { label: 'halves', patterns: [half, half.map((v) => 1 - v)], presentMs: 20, restMs: 10, loop: true };
    const sender = new HostHarness();
    await sender.send({ type: 'load', genome: balanced });
    await sender.send({ type: 'bind', sensor: 'retina', program: stream });
    await sender.send({ type: 'step', steps: 2500 });
    const { snapshot, boundAt } = await takeSnapshot(sender, 1);
    expect(boundAt).toEqual({ retina: 0 });
    await sender.send({ type: 'step', steps: 2500 });

    const reopened = async (fromStep?: number) => {
      const receiver = new HostHarness();
      await receiver.send({ type: 'load', genome: balanced, snapshot });
      await receiver.send({ type: 'bind', sensor: 'retina', program: stream, ...(fromStep === undefined ? {} : { fromStep }) });
      expect(receiver.last('status').bindings).toEqual([{ sensor: 'retina', label: 'halves', showing: 0, count: 2 }]);
      await receiver.send({ type: 'step', steps: 2500 });
      return spikesOf(receiver);
    };
    expect(await reopened(boundAt.retina)).toEqual(spikesOf(sender));
    // Without its start step the cycle starts over at 2,500: other spikes (the phase is not in the engine's state).
    expect(await reopened()).not.toEqual(spikesOf(sender));
  });

  it('takes a start step later than the current step as the current one (a link binds at step 0 whatever its sender\'s step)', async () => {
    const h = new HostHarness();
    await h.send({ type: 'load', genome: PRESETS.balanced.genome({}) });
    await h.send({ type: 'step', steps: 10 });
    await h.send({ type: 'bind', sensor: 'retina', program: { label: 'dark', patterns: [new Float32Array(256)], presentMs: 10, restMs: 0, loop: true }, fromStep: 1_000_000 });
    expect((await takeSnapshot(h, 3)).boundAt).toEqual({ retina: 10 });
  });

  it('refuses a state that does not fit its genome (another network size), naming it, and keeps the running network', async () => {
    const other = new HostHarness();
    await other.send({ type: 'load', genome: PRESETS.balanced.genome({ neurons: 100 }) });
    const wrong = (await takeSnapshot(other, 2)).snapshot;

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
