/**
 * The genome editor: every editable value of the experiment, grouped by
 * population, projection and sensor, edited as a draft. Each edit validates
 * the whole draft and shows each problem beside its field; the running
 * network is untouched until the draft is valid and the person applies it.
 * Optional parts (an adaptive threshold, a learning rule and its dopamine
 * gate, pruning) are added and removed, and kinds switched, in the draft too.
 */
import { memo, useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { addPart, fieldErrors, fieldKey, genomeForm, placeErrors, removePart, setField, switchKind, valueAt, type EditableField, type FieldPath, type OptionalPart } from '@/model/edit';
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
  /** The draft as of its last change of shape (a part added or removed, a kind switched): what its fields are read from. */
  shape: unknown;
  /** Number fields as typed ("0.0", "1e"), by field key, so the text is not rewritten under the cursor. */
  texts: Readonly<Record<string, string>>;
  edited: boolean;
}

const fresh = (genome: Genome): Draft => ({ base: genome, draft: genome, shape: genome, texts: {}, edited: false });

/** The draft after a change of shape at `path`: what was typed below it no longer applies. */
function reshaped(s: Draft, path: FieldPath, draft: unknown): Draft {
  const below = `${fieldKey(path)}.`;
  const texts = Object.fromEntries(Object.entries(s.texts).filter(([key]) => !`${key}.`.startsWith(below)));
  return { ...s, draft, shape: draft, texts, edited: true };
}

/** Items by group, groups in the order they first appear. */
function byGroup<T extends { group: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const members = groups.get(item.group);
    if (members) members.push(item);
    else groups.set(item.group, [item]);
  }
  return groups;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function GenomeEditor({ genome, onApply, onClose }: GenomeEditorProps) {
  const [state, setState] = useState(() => fresh(genome));
  if (state.base !== genome) setState(fresh(genome));
  // Read from the draft's shape, not its every keystroke, so a row re-renders only when its own value changes.
  const form = useMemo(() => genomeForm(state.shape as Genome), [state.shape]);
  const fields = form.fields;
  const groups = useMemo(() => byGroup(fields), [fields]);
  const addable = useMemo(() => byGroup(form.addable), [form]);
  const removable = useMemo(() => byGroup(form.removable), [form]);
  const { byField, formErrors } = useMemo(() => placeErrors(fieldErrors(state.draft), fields), [state.draft, fields]);
  const problems = formErrors.length + [...byField.values()].reduce((n, messages) => n + messages.length, 0);

  const edit = useCallback((field: EditableField, raw: string | boolean) => {
    if (field.switchesKind && typeof raw === 'string') {
      setState((s) => reshaped(s, field.path.slice(0, -1), switchKind(s.draft, field.path, raw)));
      return;
    }
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
      <p className="hint">
        Names are fixed here. Switching a kind (neuron model, connectivity, distribution, learning rule) keeps the values both kinds share; Add and Remove change a part's optional pieces. The running network changes only when you
        apply.
      </p>
      <div className="groups">
        {[...groups].map(([group, members]) => (
          <FieldGroup key={group} name={group} open={group === 'general'} problems={members.reduce((n, f) => n + (byField.get(fieldKey(f.path))?.length ?? 0), 0)}>
            {members.map((field) => {
              const key = fieldKey(field.path);
              return <FieldRow key={key} field={field} value={valueAt(state.draft, field.path)} text={state.texts[key]} messages={byField.get(key)} onEdit={edit} />;
            })}
            <PartControls
              group={group}
              addable={addable.get(group) ?? []}
              removable={removable.get(group) ?? []}
              onAdd={(part, kind) => setState((s) => reshaped(s, part.path, addPart(s.draft, part.path, kind)))}
              onRemove={(part) => setState((s) => reshaped(s, part.path, removePart(s.draft, part.path)))}
            />
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

interface PartControlsProps {
  group: string;
  addable: OptionalPart[];
  removable: OptionalPart[];
  onAdd(part: OptionalPart, kind: string | undefined): void;
  onRemove(part: OptionalPart): void;
}

/** A group's optional parts: one it lacks is added (a union as a chosen kind), one it has is removed. */
function PartControls({ group, addable, removable, onAdd, onRemove }: PartControlsProps) {
  // One choice per part and kind: "plasticity: stdp", "adaptive_threshold".
  const choices = addable.flatMap((part) => (part.kinds ?? [undefined]).map((kind) => ({ part, kind, label: kind ? `${part.label}: ${kind}` : part.label })));
  if (!choices.length && !removable.length) return null;
  return (
    <div className="parts">
      <ChooseAndAct label={`Part to add to ${group}`} options={choices.map((c) => c.label)} action="Add" onAct={(i) => onAdd(choices[i].part, choices[i].kind)} />
      <ChooseAndAct label={`Part to remove from ${group}`} options={removable.map((part) => part.label)} action="Remove" onAct={(i) => onRemove(removable[i])} />
    </div>
  );
}

/** A list to choose from and a button that acts on the choice; nothing when there is nothing to choose. */
function ChooseAndAct({ label, options, action, onAct }: { label: string; options: string[]; action: string; onAct(index: number): void }) {
  const [chosen, setChosen] = useState(0);
  if (!options.length) return null;
  // The list shrinks as parts are added or removed: keep the choice inside it.
  const index = Math.min(chosen, options.length - 1);
  return (
    <span>
      <select aria-label={label} value={index} onChange={(event) => setChosen(Number(event.target.value))}>
        {options.map((option, i) => (
          <option key={option} value={i}>
            {option}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onAct(index)}>
        {action}
      </button>
    </span>
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
      <select {...common} value={String(value)} title={field.switchesKind ? 'Switching the kind keeps the values both kinds share and fills in the new one\'s defaults' : undefined} onChange={(event) => onEdit(field, event.target.value)}>
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
