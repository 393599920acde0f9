// @vitest-environment happy-dom
/** Renaming a save in place: Enter keeps the new name, Escape, leaving the field, an empty or unchanged name keep the old one. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveMeta } from '@/persist';
import { SaveRow } from '@/ui/SaveRow';

afterEach(cleanup);

const save: SaveMeta = {
  id: 'a',
  name: 'first run',
  preset: 'cuba',
  savedAt: '2026-11-23T10:00:00.000Z',
  step: 12_000,
  simTimeMs: 1_200,
  metric: null,
  neurons: 4000,
  synapses: 320_000,
  autosave: false,
};

function row() {
  const renamed: string[] = [];
  render(
    <ul>
      <SaveRow save={save} onOpen={() => {}} onRename={(name) => renamed.push(name)} onDuplicate={() => {}} onDelete={() => {}} />
    </ul>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
  return { renamed, field: screen.getByRole<HTMLInputElement>('textbox', { name: 'New name for first run' }) };
}

describe('SaveRow rename', () => {
  it('Rename opens a field holding the name (the button waits meanwhile); Enter renames once and closes it', () => {
    const { renamed, field } = row();
    expect(field.value).toBe('first run');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Rename' }).disabled).toBe(true);
    fireEvent.change(field, { target: { value: 'learned digits' } });
    fireEvent.submit(field.form!);
    expect(renamed).toEqual(['learned digits']);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText('first run')).toBeTruthy();
  });

  it('Escape, leaving the field, an empty name and the same name rename nothing', () => {
    for (const leave of [
      (field: HTMLInputElement) => fireEvent.keyDown(field, { key: 'Escape' }),
      (field: HTMLInputElement) => fireEvent.blur(field),
      (field: HTMLInputElement) => {
        fireEvent.change(field, { target: { value: '   ' } });
        fireEvent.submit(field.form!);
      },
      (field: HTMLInputElement) => fireEvent.submit(field.form!),
    ]) {
      const { renamed, field } = row();
      leave(field);
      expect(renamed).toEqual([]);
      expect(screen.queryByRole('textbox')).toBeNull();
      cleanup();
    }
  });
});
