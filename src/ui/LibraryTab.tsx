/**
 * Saved experiments: save the running one by name, export it to a file or as
 * a simulator's script, open a file; the library (newest first, the autosave
 * among them) to open, rename, duplicate and delete.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SaveMeta } from '@/persist';
import { errorText } from '@/worker/protocol';
import { useServices } from './app-context';
import { ExportScript } from './ExportScript';
import { openStateFile } from './FileDrop';
import type { Persistence } from './persistence';
import { SaveRow } from './SaveRow';

function download(name: string, bytes: Uint8Array | string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function LibraryTab() {
  const services = useServices();
  const [library, setLibrary] = useState<Persistence | null>(null);
  const [saves, setSaves] = useState<SaveMeta[]>([]);
  const [name, setName] = useState('');
  const [said, setSaid] = useState('');

  const refresh = useCallback(async (opened: Persistence) => setSaves(await opened.library.list()), []);
  useEffect(() => {
    let live = true;
    services.persistence
      .then(async (opened) => {
        if (!live) return;
        setLibrary(opened);
        await refresh(opened);
      })
      .catch((error: unknown) => live && setSaid(errorText(error)));
    return () => {
      live = false;
    };
  }, [services.persistence, refresh]);

  /** Runs an action on the library, then lists it again; a failure is said here. */
  const act = (action: (opened: Persistence) => Promise<unknown>, done: string) => async () => {
    if (!library) return;
    try {
      await action(library);
      setSaid(done);
      await refresh(library);
    } catch (error) {
      setSaid(errorText(error));
    }
  };

  return (
    <section className="library" aria-label="Saved experiments">
      <form
        className="save-as"
        onSubmit={(event) => {
          event.preventDefault();
          void act((opened) => opened.saveAs(name.trim() || (services.store.getState().experiment?.genomeName ?? 'experiment')), 'Saved')();
        }}
      >
        <label>
          Name <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} placeholder="the experiment's name" />
        </label>
        <button type="submit" disabled={!library}>
          Save
        </button>
      </form>
      <div className="file-actions">
        <button type="button" disabled={!library} onClick={() => void act(async (opened) => { const file = await opened.exportFile(); download(file.name, file.bytes); }, 'Exported')()}>
          Export file
        </button>
        <label className="import">
          Open file… <input type="file" accept=".neuroplay,application/octet-stream" onChange={(event) => { const file = event.target.files?.[0]; event.target.value = ''; if (file && library) void openStateFile(library, file).then((ok) => setSaid(ok ? `Opened ${file.name}` : `${file.name} was not opened`)); }} />
        </label>
      </div>
      <ExportScript download={download} say={setSaid} />
      <p className="hint" role="status">
        {said || 'Autosaved every 30 s and when the page is hidden.'}
      </p>
      <ul className="saves">
        {saves.map((save) => (
          <SaveRow
            key={save.id}
            save={save}
            onOpen={() => void act((opened) => opened.open(save.id), `Opened ${save.name}`)()}
            onRename={(renamed) => void act((opened) => opened.library.rename(save.id, renamed), 'Renamed')()}
            onDuplicate={() => void act((opened) => opened.library.duplicate(save.id), 'Duplicated')()}
            onDelete={() => void act((opened) => opened.library.delete(save.id), 'Deleted')()}
          />
        ))}
      </ul>
    </section>
  );
}
