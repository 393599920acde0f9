/** An exported experiment file dropped anywhere on the page opens it (validated first: a damaged file is refused with the reason and the current experiment stays). */
import { useEffect, useState } from 'react';
import { useServices } from './app-context';
import type { Persistence } from './persistence';

/** Reads and opens a file; false when it was refused (the banner says why). */
export async function openStateFile(persistence: Persistence, file: File): Promise<boolean> {
  return persistence.importFile(new Uint8Array(await file.arrayBuffer()));
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function FileDrop() {
  const { persistence, store } = useServices();
  const [over, setOver] = useState(false);
  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      persistence
        .then((opened) => openStateFile(opened, file))
        .catch((error: unknown) => store.getState().showError({ phase: 'link', message: `${file.name} could not be opened: ${error instanceof Error ? error.message : String(error)}` }));
    };
    window.addEventListener('dragover', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [persistence, store]);
  return over ? <div className="file-drop">Drop an exported experiment (.neuroplay) to open it</div> : null;
}
