/**
 * A save of the running experiment through the page's Persistence, over
 * fake-indexeddb and a worker the test answers by hand: the save carries the
 * step each bound stimulus started at, and reopening it binds the stimulus
 * from that step, so a stream goes on in its phase.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGenome, PRESETS } from '@/model';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { createAppStore, bindStore } from '@/store';
import { bindStimulus } from '@/ui/experiment-actions';
import { Persistence } from '@/ui/persistence';
import { builtInItems, sensorSites } from '@/ui/stimuli/catalog';
import { EngineClient } from '@/worker/client';
import type { FromWorker, ToWorker } from '@/worker/protocol';

/** The playground: its cochlea takes the rising sweep, a stream of six tones. */
const genome = parseGenome(PRESETS.playground.genome({}));
const connectome = buildConnectome(genome);
const SAVED_AT_STEP = 2500;
const SWEEP_BOUND_AT = 1200;
/** What the worker answers a snapshot request with: the network as built, stamped at the saved step. */
let snapshot: EngineSnapshot;
beforeAll(async () => {
  snapshot = { ...(await new CpuEngine(connectome).snapshot()), step: SAVED_AT_STEP };
});

/** A page's store and client over a worker that answers loads and snapshots at once and keeps what it was sent. */
function page() {
  const sent: ToWorker[] = [];
  const worker = { postMessage: (message: ToWorker) => answer(message), terminate() {} } as unknown as Worker;
  const client = new EngineClient(worker);
  const reply = (message: FromWorker) => worker.onmessage!({ data: message } as MessageEvent<FromWorker>);
  function answer(message: ToWorker): void {
    sent.push(message);
    if (message.type === 'load')
      reply({ type: 'ready', backend: 'cpu', genomeName: genome.name, genome, dtMs: genome.dt_ms, neurons: connectome.neuronCount, synapses: 0, populations: connectome.populations });
    if (message.type === 'snapshot') reply({ type: 'snapshot', id: message.id, snapshot, boundAt: { cochlea: SWEEP_BOUND_AT } });
  }
  const store = createAppStore();
  bindStore(client, store);
  return { actors: { client, store }, sent };
}

describe('Persistence: a save keeps its stimuli in their phase', () => {
  it(`saves the sweep on the cochlea with the step it started at (${SWEEP_BOUND_AT}), and reopening binds it from there`, async () => {
    const sender = page();
    sender.actors.client.load(genome);
    const cochlea = sensorSites(genome).find((site) => site.sensor.name === 'cochlea')!;
    bindStimulus(sender.actors, cochlea, builtInItems().find((item) => item.id === 'sweep')!);
    const persistence = await Persistence.open(sender.actors);
    const saved = await persistence.saveAs('sweeping');
    expect(saved.step).toBe(SAVED_AT_STEP);

    const receiver = page();
    const reopening = await Persistence.open(receiver.actors);
    expect(await reopening.open(saved.id)).toBe(true);
    const binds = receiver.sent.filter((message) => message.type === 'bind');
    expect(binds.map(({ sensor, fromStep }) => ({ sensor, fromStep }))).toEqual([{ sensor: 'cochlea', fromStep: SWEEP_BOUND_AT }]);
    const load = receiver.sent.find((message) => message.type === 'load')!;
    expect(load.snapshot?.step).toBe(SAVED_AT_STEP);
    expect(Object.keys(load.snapshot?.arrays ?? {})).toEqual(Object.keys(snapshot.arrays));
  });
});
