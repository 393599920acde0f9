/**
 * Never losing learned state: the running experiment (genome, stimuli and
 * the engine's full state) is autosaved to IndexedDB every 30 s and when the
 * page is hidden, saved by name into the library, exported to a file and
 * opened again from the library or a file. Opening validates everything
 * before the running network is replaced; what cannot be opened says why and
 * the current experiment stays.
 */
import type { ValidatedExperiment } from '@/model/experiment';
import { Autosaver, ExperimentLibrary, type NewSave, type SaveMeta, type SavePayload } from '@/persist';
import type { AppStore } from '@/store';
import { errorText } from '@/worker/protocol';
import { currentBindings, growExperiment, type Actors } from './experiment-actions';

/** Time between autosaves: at most this much learning is lost to a crash. */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/** A name as a file name's stem: letters, digits, _ and - only. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'experiment';
}

export class Persistence {
  private autosaver: Autosaver<NewSave, SavePayload> | null = null;

  private constructor(
    readonly library: ExperimentLibrary,
    private readonly actors: Actors,
  ) {}

  /** Opens the library; rejects with a message for a browser without usable IndexedDB. */
  static async open(actors: Actors): Promise<Persistence> {
    return new Persistence(await ExperimentLibrary.open(), actors);
  }

  /**
   * What a save of the running experiment holds: its description, its full state, and its stimuli with the
   * step each started at (so a stream goes on in its phase when reopened); null before a network is grown.
   */
  async take(name?: string): Promise<{ meta: NewSave; payload: SavePayload } | null> {
    const genome = this.actors.store.getState().experiment?.genome;
    if (!genome) return null;
    // Read with the request: the worker answers after every bind sent before it, so the steps are these bindings'.
    const bindings = currentBindings(this.actors.store);
    const [{ validateExperiment }, { snapshot, boundAt }] = await Promise.all([import('@/model/experiment'), this.actors.client.snapshot()]);
    const result = validateExperiment({ genome, bindings: bindings.map((binding) => (binding.sensor in boundAt ? { ...binding, from_step: boundAt[binding.sensor] } : binding)) });
    if (!result.ok) return null;
    const experiment = result.experiment;
    const state = this.actors.store.getState();
    return {
      meta: {
        name: name ?? experiment.genome.name,
        preset: state.preset,
        step: snapshot.step,
        simTimeMs: snapshot.step * experiment.genome.dt_ms,
        metric: `${state.structure.synapses.toLocaleString('en')} synapses, ${state.structure.born} born`,
        neurons: state.experiment?.neurons ?? 0,
        synapses: state.structure.synapses,
      },
      payload: { experiment, snapshot },
    };
  }

  /** Autosaves from now on, and when the page is hidden. */
  startAutosave(onError: (message: string) => void): void {
    if (this.autosaver) return;
    const saver = new Autosaver<NewSave, SavePayload>({
      intervalMs: AUTOSAVE_INTERVAL_MS,
      take: () => this.take(),
      write: (meta, payload) => this.library.autosave(meta, payload),
      now: () => performance.now(),
      later: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
      onError,
    });
    this.autosaver = saver;
    saver.start();
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void saver.flush());
    window.addEventListener('pagehide', () => void saver.flush());
  }

  /** Writes the autosave now (when autosaving has started). */
  flushAutosave(): Promise<void> {
    return this.autosaver?.flush() ?? Promise.resolve();
  }

  /** Saves the running experiment into the library under `name`. */
  async saveAs(name: string): Promise<SaveMeta> {
    const save = await this.take(name);
    if (!save) throw new Error('There is no running experiment to save yet.');
    return this.library.save(save.meta, save.payload);
  }

  /** Grows a saved experiment with its learned state, paused where it was saved (Run goes on); false (with the reason in the banner) when it cannot be opened. */
  async open(id: string): Promise<boolean> {
    const saved = await this.library.load(id);
    if (!saved) return this.refuse('This saved experiment is gone (deleted in another tab?).');
    const { validateExperiment, formatErrors } = await import('@/model');
    const result = validateExperiment(saved.experiment);
    if (!result.ok) return this.refuse(`The saved experiment is not valid:\n${formatErrors(result.errors)}`);
    this.actors.store.getState().choosePreset(saved.meta.preset);
    return growExperiment(this.actors, result.experiment.genome, { bindings: result.experiment.bindings, snapshot: saved.snapshot, run: false });
  }

  /** The running experiment as a file: genome, stimuli and full state, with an integrity check. */
  async exportFile(): Promise<{ name: string; bytes: Uint8Array }> {
    const save = await this.take();
    if (!save) throw new Error('There is no running experiment to export yet.');
    const { encodeStateFile, STATE_FILE_EXTENSION } = await import('@/sim/state-file');
    const bytes = await encodeStateFile({ experiment: save.payload.experiment as ValidatedExperiment, snapshot: save.payload.snapshot, meta: { savedAt: new Date().toISOString(), name: save.meta.name } });
    return { name: `${fileStem(save.meta.name)}${STATE_FILE_EXTENSION}`, bytes };
  }

  /** Opens an exported file, paused where it was saved; a file that is not one, or is damaged, is refused with the reason and the current experiment stays. */
  async importFile(bytes: Uint8Array): Promise<boolean> {
    const [{ decodeStateFile }, { BROWSER_BUDGET }] = await Promise.all([import('@/sim/state-file'), import('@/sim/build/budget')]);
    // Checked against what this page's worker will build: a file of a network too big for a tab is refused before anything is built.
    const decoded = await decodeStateFile(bytes, { budget: BROWSER_BUDGET });
    if (!decoded.ok) return this.refuse(decoded.message);
    this.actors.store.getState().choosePreset(null);
    return growExperiment(this.actors, decoded.experiment.genome, { bindings: decoded.experiment.bindings, snapshot: decoded.snapshot, run: false });
  }

  private refuse(message: string): false {
    this.actors.store.getState().showError({ phase: 'link', message });
    return false;
  }
}

/**
 * After the first experiment has started: when the page was opened without
 * a link and an autosave exists, offer it (the banner's Continue / Start
 * fresh start autosaving); otherwise autosave from now on.
 */
export async function offerResume(persistence: Promise<Persistence>, store: AppStore): Promise<void> {
  const opened = await persistence.catch((error: unknown) => {
    store.getState().showError({ phase: 'save', message: `Experiments cannot be saved in this browser: ${errorText(error)}` });
    return null;
  });
  if (!opened) return;
  const autosave = window.location.hash ? null : await opened.library.latestAutosave().catch(() => null);
  if (autosave) store.getState().offerResume(autosave);
  else opened.startAutosave((message) => store.getState().showError({ phase: 'save', message }));
}
