/**
 * The Saved tab's export to an established simulator: the running experiment
 * as a Brian2 or PyNN script (npm run export does the same from the command
 * line), and with the learned state one zip holding the script and the .npz
 * it loads from beside itself.
 */
import { strToU8, zipSync } from 'fflate';
import { useState } from 'react';
import { EXPORT_TARGETS, type ExportTarget } from '@/export/targets';
import { errorText } from '@/worker/protocol';
import { useServices } from './app-context';
import { currentBindings } from './experiment-actions';
import { fileStem } from './persistence';

/** Hands a file to the browser's downloads. */
export type Download = (name: string, bytes: Uint8Array | string, type?: string) => void;

export interface ExportScriptProps {
  download: Download;
  /** Says how the export went, in the tab's status line. */
  say: (text: string) => void;
}

export function ExportScript({ download, say }: ExportScriptProps) {
  const { store, client } = useServices();
  const [target, setTarget] = useState<ExportTarget>('brian2');
  const [withState, setWithState] = useState(true);
  const [busy, setBusy] = useState(false);

  /** Rules the target has no equivalent for are named in the status line. */
  const exportNow = async () => {
    const genome = store.getState().experiment?.genome;
    if (!genome) return say('No experiment yet');
    setBusy(true);
    try {
      // Loaded on first use so the page's first load stays small.
      const [{ exportScript, stateFileName }, snapshot] = await Promise.all([import('@/export'), withState ? client.snapshot().then((reply) => reply.snapshot) : undefined]);
      const stem = fileStem(genome.name);
      const { script, warnings, state } = exportScript(target, genome, {
        durationS: 1,
        source: 'the Neuroplay playground',
        boundSensors: currentBindings(store).map((binding) => binding.sensor),
        snapshot,
        stateFile: stateFileName(stem),
      });
      if (state) download(`${stem}-${target}.zip`, zipSync({ [`${stem}.py`]: strToU8(script), [state.file]: state.bytes }, { level: 6 }), 'application/zip');
      else download(`${stem}.py`, script, 'text/x-python');
      say(warnings.length ? `Exported; not carried over: ${warnings.join('; ')}` : 'Exported: every rule carried over');
    } catch (error) {
      say(`Export failed: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="export-script">
      <legend>Export to a simulator</legend>
      <label>
        Simulator{' '}
        <select value={target} onChange={(event) => setTarget(event.target.value as ExportTarget)}>
          {Object.entries(EXPORT_TARGETS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={withState} onChange={(event) => setWithState(event.target.checked)} /> with the learned state
      </label>
      <button type="button" disabled={busy} onClick={() => void exportNow()}>
        Export script
      </button>
    </fieldset>
  );
}
