/**
 * The gallery: every preset experiment by its title, and its seed;
 * choosing one (at its own seed), or another seed, grows it from its genome and runs it;
 * Reset grows the same one again from the start. The presets are imported
 * on demand, as main.tsx imports the default one, so the list appears once
 * that import resolves. What it shows is the store's: an experiment opened
 * from a link or a file names no preset.
 */
import { useEffect, useState } from 'react';
import type { Preset } from '@/model/presets';
import { selectCanCommand, selectPreset } from '@/store';
import { errorText } from '@/worker/protocol';
import { useAppState, useServices } from './app-context';
import { growExperiment } from './experiment-actions';

/** Seeds are u32 (Philox keys). */
const MAX_SEED = 0xffffffff;

/** The seed a preset grows from when none is given. */
function defaultSeed(preset: Preset): number {
  return preset.genome({}).seed;
}

export function PresetGallery() {
  const { client, store } = useServices();
  const canCommand = useAppState(selectCanCommand);
  const chosen = useAppState(selectPreset);
  const seed = useAppState((s) => s.experiment?.genome.seed);
  const [presets, setPresets] = useState<Record<string, Preset> | null>(null);
  /** The seed as typed: a half-typed one waits, while the field shows it. */
  const [typed, setTyped] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    import('@/model/presets')
      .then(({ PRESETS }) => live && setPresets(PRESETS))
      .catch((error: unknown) => store.getState().showError({ phase: 'page', message: `The presets could not be loaded: ${errorText(error)}` }));
    return () => {
      live = false;
    };
  }, [store]);

  if (!presets) return null;
  const grow = (name: string, seed: number) => {
    store.getState().choosePreset(name);
    void growExperiment({ client, store }, presets[name].genome({ seed }));
  };
  return (
    <div className="gallery">
      <label>
        Experiment
        <select value={chosen ?? ''} disabled={!canCommand} onChange={(event) => grow(event.target.value, defaultSeed(presets[event.target.value]))}>
          {chosen === null && <option value="">(from a link or a file)</option>}
          {Object.values(presets).map((p) => (
            <option key={p.name} value={p.name} title={p.cites}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Seed
        <input
          type="number"
          min={0}
          max={MAX_SEED}
          step={1}
          value={typed ?? seed ?? ''}
          disabled={!canCommand || chosen === null}
          onChange={(event) => {
            setTyped(event.target.value);
            const next = Number(event.target.value);
            // Only whole numbers the genome accepts grow a network.
            if (chosen !== null && event.target.value !== '' && Number.isInteger(next) && next >= 0 && next <= MAX_SEED) grow(chosen, next);
          }}
          onBlur={() => setTyped(null)}
        />
      </label>
      <button type="button" disabled={!canCommand || chosen === null} onClick={() => chosen !== null && seed !== undefined && grow(chosen, seed)}>
        Reset
      </button>
    </div>
  );
}
