/**
 * What the page does to the running experiment, in one place for every
 * control that does it: bind a stimulus to a sensor, and grow an experiment
 * (a preset, an edited genome, a share link, a saved or imported state)
 * with its stimuli. Stimuli are bound once the worker reports the network
 * ready and before it runs, at its first step, so whoever opens a link gets
 * the sender's spikes.
 */
import type { StimulusBinding } from '@/model/experiment';
import type { EngineSnapshot } from '@/sim';
import type { AppStore } from '@/store';
import type { EngineClient } from '@/worker/client';
import { fetchBundledDigits } from './bundled-digits';
import { bindingOf, builtInItems, digitItems, itemForBinding, programFor, sensorSites, type PaletteItem, type SensorSite } from './stimuli/catalog';

export interface Actors {
  client: EngineClient;
  store: AppStore;
}

/** The built-in stimuli and the bundled digits: every stimulus a link may name. */
export async function paletteItems(): Promise<PaletteItem[]> {
  const dataset = await fetchBundledDigits();
  const pixels = dataset.width * dataset.height;
  const images = Array.from({ length: dataset.labels.length }, (_, k) => dataset.images.subarray(k * pixels, (k + 1) * pixels));
  return [...digitItems(images, dataset.labels), ...builtInItems()];
}

/**
 * Binds `item` to the sensor: the worker gets its program, the store remembers it for the board and for links.
 * `fromStep`: where a reopened save's stimulus started (default: now). Throws when the item does not fit the sensor's grid.
 */
export function bindStimulus({ client, store }: Actors, site: SensorSite, item: PaletteItem, fromStep?: number): void {
  const program = programFor(item, site.shape);
  client.bind(site.sensor.name, program, fromStep);
  store.getState().setBound(site.sensor.name, { binding: bindingOf(item, site.sensor.name), label: item.label, program });
}

export function unbindStimulus({ client, store }: Actors, sensor: string): void {
  client.unbind(sensor);
  store.getState().setBound(sensor, null);
}

/** The bindings of the running experiment that a link or a save can carry. */
export function currentBindings(store: AppStore): StimulusBinding[] {
  return Object.values(store.getState().bound).flatMap((bound) => (bound.binding ? [bound.binding] : []));
}

/** Resolves when the worker answers the load just sent: true when the network is ready, false when it refused the genome or the state. */
function loaded(client: EngineClient): Promise<boolean> {
  return new Promise((resolve) => {
    const off = client.onEvent((event) => {
      if (event.type === 'ready' || (event.type === 'error' && (event.phase === 'genome' || event.phase === 'build' || event.phase === 'worker'))) {
        off();
        resolve(event.type === 'ready');
      }
    });
  });
}

export interface GrowOptions {
  bindings?: readonly StimulusBinding[];
  /** Learned state to continue from (a save or an imported file). */
  snapshot?: EngineSnapshot;
  /** Run once grown (default), or stay paused. */
  run?: boolean;
}

/**
 * Grows `genome` in the worker, binds its stimuli and runs it. Resolves
 * false when the worker refused it (it says why in the banner, and the
 * previous network runs on); a binding the palette cannot resolve is
 * reported and left out.
 */
export async function growExperiment(actors: Actors, genome: unknown, options: GrowOptions = {}): Promise<boolean> {
  const { client, store } = actors;
  const bindings = options.bindings ?? [];
  const items = bindings.length ? paletteItems() : Promise.resolve([]);
  const ready = loaded(client);
  client.load(genome, options.snapshot);
  if (!(await ready)) return false;
  const grown = store.getState().experiment?.genome;
  if (grown && bindings.length) {
    const sites = sensorSites(grown);
    const available = await items.catch(() => builtInItems());
    for (const binding of bindings) {
      const site = sites.find((s) => s.sensor.name === binding.sensor);
      const item = itemForBinding(binding, available);
      if (!site || !item) {
        store.getState().showError({ phase: 'page', message: `A stimulus of this experiment could not be bound: ${'stimulus' in binding ? `"${binding.stimulus}"` : 'a drawing'} on ${binding.sensor}` });
        continue;
      }
      bindStimulus(actors, site, item, binding.from_step);
    }
  }
  if (options.run ?? true) client.run();
  return true;
}
