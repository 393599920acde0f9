/**
 * Opens what the address asks for: a share link's experiment, a preset's
 * short link, or the default experiment. A link that cannot be opened says
 * what is wrong, stays in the address bar for the person to inspect, and
 * the default experiment runs instead; nothing in a link is ever run as
 * code or inserted as HTML (it is data, validated before anything is
 * allocated).
 */
import { errorText } from '@/worker/protocol';
import { growExperiment, type Actors } from './experiment-actions';

export async function startFromAddress(actors: Actors, hash: string): Promise<void> {
  const { store } = actors;
  // The codec and the presets come with the genome schema (zod): loaded apart, the page's own bundle stays small.
  const [{ decodeShareHash }, { DEFAULT_PRESET, PRESETS }] = await Promise.all([import('@/model/share'), import('@/model/presets')]);
  const link = decodeShareHash(hash);
  if (link.kind === 'preset') {
    store.getState().choosePreset(link.name);
    if (await growExperiment(actors, PRESETS[link.name].genome({ seed: link.seed }))) return;
  } else if (link.kind === 'experiment') {
    store.getState().choosePreset(null);
    if (await growExperiment(actors, link.experiment.genome, { bindings: link.experiment.bindings })) return;
  } else if (link.kind === 'error') {
    store.getState().showError({ phase: 'link', message: `This link could not be opened: ${link.message}\nThe default experiment runs instead; the link stays in the address bar.` });
  }
  store.getState().choosePreset(DEFAULT_PRESET);
  await growExperiment(actors, PRESETS[DEFAULT_PRESET].genome({}));
}

/** Starts from the address (resolving once that experiment is grown), and again whenever a person puts another link in it; a failure to start at all (a chunk that did not load) goes to the banner. */
export function start(actors: Actors): Promise<void> {
  const open = () =>
    startFromAddress(actors, window.location.hash).catch((error: unknown) =>
      actors.store.getState().showError({ phase: 'page', message: `The experiment could not be started: ${errorText(error)}` }),
    );
  // The page's own Share button writes the address with history.replaceState, which fires no hashchange.
  window.addEventListener('hashchange', () => void open());
  return open();
}
