/**
 * One saved experiment in the Saved tab: its name and when it was saved, and
 * open, rename (in place: Enter keeps the new name, Escape or leaving the
 * field keeps the old one), duplicate and delete.
 */
import { useState } from 'react';
import type { SaveMeta } from '@/persist';

export interface SaveRowProps {
  save: SaveMeta;
  onOpen: () => void;
  onRename: (name: string) => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

export function SaveRow({ save, onOpen, onRename, onDuplicate, onDelete }: SaveRowProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const label = `${save.autosave ? 'Autosave: ' : ''}${save.name}`;
  return (
    <li data-save={save.name}>
      {draft === null ? (
        <span className="save-name">{label}</span>
      ) : (
        <form
          className="save-name"
          onSubmit={(event) => {
            event.preventDefault();
            setDraft(null);
            if (draft.trim() !== '' && draft !== save.name) onRename(draft);
          }}
        >
          <input
            aria-label={`New name for ${save.name}`}
            value={draft}
            maxLength={100}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setDraft(null)}
            onBlur={() => setDraft(null)}
          />
        </form>
      )}
      <span className="hint">
        {new Date(save.savedAt).toLocaleString()} · {(save.simTimeMs / 1000).toFixed(1)} s · {save.preset ?? 'from a link or file'}
        {save.metric ? ` · ${save.metric}` : ''}
      </span>
      <span className="save-actions">
        <button type="button" onClick={onOpen}>
          Open
        </button>
        <button type="button" onClick={() => setDraft(save.name)} disabled={draft !== null}>
          Rename
        </button>
        <button type="button" onClick={onDuplicate}>
          Duplicate
        </button>
        <button type="button" onClick={onDelete}>
          Delete
        </button>
      </span>
    </li>
  );
}
