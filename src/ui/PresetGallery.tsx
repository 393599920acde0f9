/**
 * The gallery: every preset experiment by its title; choosing one grows it
 * from its genome and runs it. The presets load with the genome schema, in
 * their own chunk, so the list appears a moment after the page.
 */
import { useEffect, useState } from 'react';
import type { Preset } from '@/model/presets';
import { selectCanCommand } from '@/store';
import { errorText } from '@/worker/protocol';
import { useAppState, useServices } from './app-context';

export function PresetGallery() {
  const { client, store } = useServices();
  const canCommand = useAppState(selectCanCommand);
  const [presets, setPresets] = useState<{ all: Record<string, Preset>; chosen: string } | null>(null);

  useEffect(() => {
    let live = true;
    import('@/model/presets')
      .then(({ PRESETS, DEFAULT_PRESET }) => live && setPresets({ all: PRESETS, chosen: DEFAULT_PRESET }))
      .catch((error: unknown) => store.getState().showError({ phase: 'page', message: `The presets could not be loaded: ${errorText(error)}` }));
    return () => {
      live = false;
    };
  }, [store]);

  if (!presets) return null;
  const choose = (name: string) => {
    setPresets({ ...presets, chosen: name });
    client.load(presets.all[name].genome({}));
    client.run();
  };
  return (
    <label className="gallery">
      Experiment
      <select value={presets.chosen} disabled={!canCommand} onChange={(event) => choose(event.target.value)}>
        {Object.values(presets.all).map((p) => (
          <option key={p.name} value={p.name} title={p.cites}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}
