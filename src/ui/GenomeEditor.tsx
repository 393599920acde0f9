/**
 * The genome editor: every editable value of the experiment, grouped by
 * population, projection and sensor, edited as a draft. Each edit validates
 * the whole draft and shows each problem beside its field; the running
 * network is untouched until the draft is valid and the person applies it.
 */
import { memo, useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { editableFields, fieldErrors, fieldKey, placeErrors, setField, valueAt, type EditableField } from '@/model/edit';
import { validateGenome } from '@/model/genome';
import type { Genome } from '@/model/schema';
import './editor.css';

export interface GenomeEditorProps {
  /** The genome being run; a different object starts a new draft, so pass the same one while editing. */
  genome: Genome;
  /** Called with the validated draft, every default filled in. */
  onApply(genome: Genome): void;
  onClose?(): void;
}

interface Draft {
  /** The genome the draft started from; a new one from outside starts a new draft. */
  base: Genome;
  draft: unknown;
  /** Number fields as typed ("0.0", "1e"), by field key, so the text is not rewritten under the cursor. */
  texts: Readonly<Record<string, string>>;
  edited: boolean;
}

const fresh = (genome: Genome): Draft => ({ base: genome, draft: genome, texts: {}, edited: false });

/** Fields by group, groups in the genome's order. */
function groupFields(fields: readonly EditableField[]): Map<string, EditableField[]> {
  const groups = new Map<string, EditableField[]>();
  for (const field of fields) {
    const members = groups.get(field.group);
    if (members) members.push(field);
    else groups.set(field.group, [field]);
  }
  return groups;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function GenomeEditor({ genome, onApply, onClose }: GenomeEditorProps) {
  const [state, setState] = useState(() => fresh(genome));
  if (state.base !== genome) setState(fresh(genome));
  const fields = useMemo(() => editableFields(genome), [genome]);
  const groups = useMemo(() => groupFields(fields), [fields]);
  const { byField, formErrors } = useMemo(() => placeErrors(fieldErrors(state.draft), fields), [state.draft, fields]);
  const problems = formErrors.length + [...byField.values()].reduce((n, messages) => n + messages.length, 0);

  const edit = useCallback((field: EditableField, raw: string | boolean) => {
    setState((s) => ({
      ...s,
      draft: setField(s.draft, field.path, raw),
      texts: typeof raw === 'string' && (field.kind === 'number' || field.kind === 'integer') ? { ...s.texts, [fieldKey(field.path)]: raw } : s.texts,
      edited: true,
    }));
  }, []);

  const apply = () => {
    const result = validateGenome(state.draft);
    if (!result.ok) return;
    setState((s) => ({ ...s, edited: false }));
    onApply(result.genome);
  };

  return (
    <section className="genome-editor" aria-label="Genome editor">
      <header>
        <h2>Genome</h2>
        {onClose && (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      <p className="hint">Kinds (neuron model, connectivity, distributions, learning rule) and names are fixed here. The running network changes only when you apply.</p>
      <div className="groups">
        {[...groups].map(([group, members]) => (
          <FieldGroup key={group} name={group} open={group === 'general'} problems={members.reduce((n, f) => n + (byField.get(fieldKey(f.path))?.length ?? 0), 0)}>
            {members.map((field) => {
              const key = fieldKey(field.path);
              return <FieldRow key={key} field={field} value={valueAt(state.draft, field.path)} text={state.texts[key]} messages={byField.get(key)} onEdit={edit} />;
            })}
          </FieldGroup>
        ))}
      </div>
      {formErrors.length > 0 && (
        <ul className="form-errors">
          {formErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <footer>
        <button type="button" className="primary" disabled={problems > 0 || !state.edited} onClick={apply}>
          {problems > 0 ? `Apply (${plural(problems, 'problem')})` : 'Apply'}
        </button>
        <button type="button" disabled={!state.edited} onClick={() => setState(fresh(genome))}>
          Revert
        </button>
      </footer>
    </section>
  );
}

/** A collapsible group; its fields are rendered only while it is open, so a large genome costs nothing until looked at. */
function FieldGroup({ name, open: openAtStart, problems, children }: { name: string; open: boolean; problems: number; children: ReactNode }) {
  const [open, setOpen] = useState(openAtStart);
  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {name}
        {problems > 0 && <span className="group-problems">{plural(problems, 'problem')}</span>}
      </summary>
      {open && <div className="fields">{children}</div>}
    </details>
  );
}

interface FieldRowProps {
  field: EditableField;
  value: unknown;
  /** What was typed into a number field, when it was edited. */
  text: string | undefined;
  messages: string[] | undefined;
  onEdit(field: EditableField, raw: string | boolean): void;
}

/** One labelled input and its message; memoised so a keystroke re-renders only the rows whose value or message changed. */
const FieldRow = memo(function FieldRow({ field, value, text, messages, onEdit }: FieldRowProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const invalid = messages !== undefined;
  const common = { id, 'aria-invalid': invalid, 'aria-describedby': invalid ? messageId : undefined };
  let control: ReactNode;
  if (field.kind === 'boolean') control = <input type="checkbox" {...common} checked={value === true} onChange={(event) => onEdit(field, event.target.checked)} />;
  else if (field.kind === 'choice')
    control = (
      <select {...common} value={String(value)} disabled={field.readOnly} title={field.readOnly ? 'The kind is fixed here: its fields change with it' : undefined} onChange={(event) => onEdit(field, event.target.value)}>
        {(field.choices ?? []).map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    );
  else
    control = (
      <input
        type="text"
        {...common}
        inputMode={field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : undefined}
        spellCheck={false}
        value={text ?? String(value ?? '')}
        onChange={(event) => onEdit(field, event.target.value)}
      />
    );
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{field.label}</label>
      {control}
      {invalid && (
        <span className="field-message" id={messageId}>
          {messages.join('; ')}
        </span>
      )}
    </div>
  );
});
