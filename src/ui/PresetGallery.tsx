/**
 * The gallery: every preset experiment by its title, and its seed;
 * choosing one (at its own seed), or another seed, grows it from its genome and runs it;
 * Reset grows the same one again from the start. The presets are imported
 * on demand, as main.tsx imports the default one, so the list appears once
 * that import resolves.
 */
import { useEffect, useState } from 'react';
import type { Preset } from '@/model/presets';
import { selectCanCommand } from '@/store';
import { errorText } from '@/worker/protocol';
import { useAppState, useServices } from './app-context';

/** Seeds are u32 (Philox keys). */
const MAX_SEED = 0xffffffff;

/** The seed a preset grows from when none is given. */
function defaultSeed(preset: Preset): number {
  return preset.genome({}).seed;
}

export function PresetGallery() {
  const { client, store } = useServices();
  const canCommand = useAppState(selectCanCommand);
  const [presets, setPresets] = useState<{ all: Record<string, Preset>; chosen: string; seed: number } | null>(null);

  useEffect(() => {
    let live = true;
    import('@/model/presets')
      .then(({ PRESETS, DEFAULT_PRESET }) => {
        if (!live) return;
        setPresets({ all: PRESETS, chosen: DEFAULT_PRESET, seed: defaultSeed(PRESETS[DEFAULT_PRESET]) });
        store.getState().choosePreset(DEFAULT_PRESET);
      })
      .catch((error: unknown) => store.getState().showError({ phase: 'page', message: `The presets could not be loaded: ${errorText(error)}` }));
    return () => {
      live = false;
    };
  }, [store]);

  if (!presets) return null;
  const grow = (chosen: string, seed: number) => {
    setPresets({ ...presets, chosen, seed });
    store.getState().choosePreset(chosen);
    client.load(presets.all[chosen].genome({ seed }));
    client.run();
  };
  return (
    <div className="gallery">
      <label>
        Experiment
        <select value={presets.chosen} disabled={!canCommand} onChange={(event) => grow(event.target.value, defaultSeed(presets.all[event.target.value]))}>
          {Object.values(presets.all).map((p) => (
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
          value={presets.seed}
          disabled={!canCommand}
          onChange={(event) => {
            const seed = Number(event.target.value);
            // A half-typed or out-of-range seed waits: only whole numbers the genome accepts grow a network.
            if (Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) grow(presets.chosen, seed);
          }}
        />
      </label>
      <button type="button" disabled={!canCommand} onClick={() => grow(presets.chosen, presets.seed)}>
        Reset
      </button>
    </div>
  );
}
