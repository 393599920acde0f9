/**
 * Editing a genome field by field. The fields, their kinds and the choices of
 * an enum are read from `GenomeSchema` alongside the genome, so a new
 * parameter in the schema shows up here without a list to keep in step.
 * A draft is plain data (`unknown`): a half-typed number stays a string until
 * it parses, and `validateGenome` says what is wrong with it, field by field.
 * Its shape changes too: an optional part (an adaptive threshold, a learning
 * rule, its dopamine gate) is added with the schema's defaults or removed,
 * and a kind (neuron model, connectivity, learning rule) is switched.
 */
import { z } from 'zod';
import { validateGenome } from './genome';
import { GenomeSchema, type Genome } from './schema';

/** Keys from the genome's root down to one value: `['populations', 1, 'size']`. */
export type FieldPath = readonly (string | number)[];

export type FieldKind = 'number' | 'integer' | 'text' | 'boolean' | 'choice';

/** One value a person edits. */
export interface EditableField {
  path: FieldPath;
  /** What the field belongs to: "general", "population E", "projection in->E", "sensor retina", "modulators". */
  group: string;
  /** The path below the group, in the genome's own words: "neuron.v_thresh_mV". */
  label: string;
  kind: FieldKind;
  /** The allowed values of a choice, from the schema. */
  choices?: string[];
  /** A union's kind (neuron model, connectivity, distribution, learning rule): switched with `switchKind`, since its fields change with it. */
  switchesKind?: true;
  value: number | string | boolean;
}

/** An optional part, added or removed whole: `adaptive_threshold`, `plasticity`, `plasticity.modulation`, `capacity`. */
export interface OptionalPart {
  path: FieldPath;
  group: string;
  /** The path below the group, as for a field. */
  label: string;
  /** The kinds a union part is added as (a learning rule: stdp, diehl_cook, vogels). */
  kinds?: string[];
}

/** What the editor shows of a genome or a draft: its fields, and the optional parts it lacks and has. */
export interface GenomeForm {
  fields: EditableField[];
  addable: OptionalPart[];
  removable: OptionalPart[];
}

/**
 * Keys not edited field by field: the format stamp, free text, and the names
 * that projections and sensors refer to (a rename must follow every reference).
 */
const FIXED_KEYS: Record<string, ReadonlySet<string>> = {
  '': new Set(['format', 'version', 'description']),
  populations: new Set(['name']),
  projections: new Set(['name', 'source', 'target', 'feedback_of']),
  sensors: new Set(['name', 'population']),
};

/** The key of a field, as `fieldErrors` names it: `populations.1.size`. */
export function fieldKey(path: FieldPath): string {
  return path.join('.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined where the path leads nowhere. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isRecord(value) && typeof key === 'string') value = value[key];
    else return undefined;
  }
  return value;
}

/** A default or an optional wraps the schema of the value itself. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner;
}

/** The branches of a discriminated union with the value of the discriminator each takes. */
function branches(union: z.ZodDiscriminatedUnion): { tag: string; schema: z.ZodObject }[] {
  const key = union.def.discriminator;
  return union.options.flatMap((option) => {
    if (!(option instanceof z.ZodObject)) return [];
    const literal = option.shape[key];
    return literal instanceof z.ZodLiteral ? [{ tag: String(literal.value), schema: option }] : [];
  });
}

/** The object schema a value follows: the object itself, or the union branch its discriminator picks. */
function objectSchema(schema: z.ZodType, value: unknown): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodDiscriminatedUnion && isRecord(value))
    return branches(schema).find((b) => b.tag === value[schema.def.discriminator])?.schema;
  return undefined;
}

/** Kind (and choices) of a schema that holds one editable value, or undefined for a container. */
function leafKind(schema: z.ZodType): Pick<EditableField, 'kind' | 'choices'> | undefined {
  if (schema instanceof z.ZodNumber) return { kind: schema.isInt ? 'integer' : 'number' };
  if (schema instanceof z.ZodString) return { kind: 'text' };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (schema instanceof z.ZodEnum) return { kind: 'choice', choices: schema.options.map(String) };
  return undefined;
}

/**
 * The value `schema` takes with its defaults filled in, or undefined when it
 * needs a number or a text only a person can give (a connection probability).
 * An enum takes its first choice, a union its first kind.
 */
function defaultsOf(schema: z.ZodType): unknown {
  const seed = (s: z.ZodType): unknown => {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault) return undefined;
    if (s instanceof z.ZodLiteral) return s.value;
    if (s instanceof z.ZodEnum) return s.options[0];
    if (s instanceof z.ZodBoolean) return false;
    if (s instanceof z.ZodDiscriminatedUnion) return seed(branches(s)[0].schema);
    if (s instanceof z.ZodObject) return Object.fromEntries(Object.entries(s.shape).map(([key, child]) => [key, seed(child as z.ZodType)]));
    return undefined;
  };
  const parsed = schema.safeParse(seed(schema));
  return parsed.success ? parsed.data : undefined;
}

/** The schema of the value at `path` in `root` (unions resolved by the draft's own kinds). */
function schemaAt(root: unknown, path: FieldPath): z.ZodType | undefined {
  let schema: z.ZodType = GenomeSchema;
  let value = root;
  for (const key of path) {
    const inner = unwrap(schema);
    const next: z.ZodType | undefined =
      inner instanceof z.ZodArray ? (inner.element as z.ZodType) : (objectSchema(inner, value)?.shape[key] as z.ZodType | undefined);
    if (!next) return undefined;
    schema = next;
    value = valueAt(value, [key]);
  }
  return unwrap(schema);
}

function groupOf(genome: Genome, path: FieldPath): { group: string; depth: number } {
  const [top, index] = path;
  if (top === 'populations' && typeof index === 'number') return { group: `population ${genome.populations[index].name}`, depth: 2 };
  if (top === 'projections' && typeof index === 'number') {
    const p = genome.projections[index];
    return { group: `projection ${p.name ?? `${p.source}->${p.target}`}`, depth: 2 };
  }
  if (top === 'sensors' && typeof index === 'number') return { group: `sensor ${genome.sensors[index].name}`, depth: 2 };
  if (top === 'modulators') return { group: 'modulators', depth: 1 };
  return { group: 'general', depth: 0 };
}

/**
 * The values a person edits, in the genome's order, grouped by the
 * population, projection or sensor they belong to, and the optional parts
 * (a `capacity`, an `adaptive_threshold`, a `plasticity`) it has and lacks.
 * Optional fields appear when the genome has them; a required value a draft
 * lacks (after a kind switch) appears empty, for the person to give.
 */
export function genomeForm(genome: Genome): GenomeForm {
  const form: GenomeForm = { fields: [], addable: [], removable: [] };
  const placed = (path: FieldPath) => {
    const { group, depth } = groupOf(genome, path);
    return { path, group, label: path.slice(depth).join('.') };
  };
  const add = (path: FieldPath, rest: Omit<EditableField, 'path' | 'group' | 'label'>) => form.fields.push({ ...placed(path), ...rest });
  const visit = (schema: z.ZodType, value: unknown, path: FieldPath) => {
    if (value === undefined) return;
    const inner = unwrap(schema);
    const leaf = leafKind(inner);
    if (leaf) {
      if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') add(path, { ...leaf, value });
      return;
    }
    if (inner instanceof z.ZodArray) {
      if (Array.isArray(value)) value.forEach((item, i) => visit(inner.element as z.ZodType, item, [...path, i]));
      return;
    }
    const object = objectSchema(inner, value);
    if (!object || !isRecord(value)) return;
    let discriminator: string | undefined;
    if (inner instanceof z.ZodDiscriminatedUnion) {
      discriminator = inner.def.discriminator;
      const choices = branches(inner).map((b) => b.tag);
      add([...path, discriminator], { kind: 'choice', choices, switchesKind: true, value: String(value[discriminator]) });
    }
    const fixed = path.length === 0 ? FIXED_KEYS[''] : path.length === 2 ? FIXED_KEYS[String(path[0])] : undefined;
    for (const [key, child] of Object.entries(object.shape) as [string, z.ZodType][]) {
      if (key === discriminator || fixed?.has(key)) continue;
      const childPath = [...path, key];
      const present = value[key] !== undefined;
      if (child instanceof z.ZodOptional && present) form.removable.push(placed(childPath));
      else if (child instanceof z.ZodOptional) {
        const part = unwrap(child);
        form.addable.push({ ...placed(childPath), ...(part instanceof z.ZodDiscriminatedUnion ? { kinds: branches(part).map((b) => b.tag) } : {}) });
      }
      if (present) visit(child, value[key], childPath);
      else if (!(child instanceof z.ZodOptional || child instanceof z.ZodDefault)) {
        const leaf = leafKind(child);
        if (leaf) add(childPath, { ...leaf, value: '' });
      }
    }
  };
  visit(GenomeSchema, genome, []);
  return form;
}

/** A number field's text as a number once it reads as one; anything else stays as typed, for the schema to name. */
function parseRaw(kind: FieldKind | undefined, raw: string | boolean): unknown {
  if ((kind !== 'number' && kind !== 'integer') || typeof raw !== 'string') return raw;
  const n = Number(raw.trim());
  return raw.trim() !== '' && !Number.isNaN(n) ? n : raw;
}

/** `container` with `value` at `path`, copied along the path only; unchanged where the path leads nowhere. */
function assign(container: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (Array.isArray(container) && typeof key === 'number' && key >= 0 && key < container.length) {
    const copy = container.slice();
    copy[key] = assign(container[key], rest, value);
    return copy;
  }
  if (isRecord(container) && typeof key === 'string' && (rest.length === 0 || key in container))
    return { ...container, [key]: assign(container[key], rest, value) };
  return container;
}

/**
 * A copy of `genome` with the field at `path` set from what a person typed
 * (or ticked), parsed by the field's kind in the schema. Never throws: "" or
 * "abc" in a number field is kept as the string, so validation reports it.
 */
export function setField(genome: unknown, path: FieldPath, raw: string | boolean): unknown {
  const schema = schemaAt(genome, path);
  return assign(genome, path, parseRaw(schema && leafKind(schema)?.kind, raw));
}

/**
 * A copy of `draft` with the optional part at `path` added: the schema's
 * defaults where it has them for every value (an `adaptive_threshold`; a
 * `plasticity` of the given kind), else what it has, the rest left empty
 * for the person to fill in (a `capacity`, a `normalization`'s total).
 */
export function addPart(draft: unknown, path: FieldPath, kind?: string): unknown {
  const schema = schemaAt(draft, path);
  if (!schema) return draft;
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const branch = branches(schema).find((b) => b.tag === kind) ?? branches(schema)[0];
    return assign(draft, path, defaultsOf(branch.schema) ?? { [schema.def.discriminator]: branch.tag });
  }
  return assign(draft, path, defaultsOf(schema) ?? (schema instanceof z.ZodObject ? {} : ''));
}

/** A copy of `draft` without the optional part at `path`; unchanged where the path leads nowhere. */
export function removePart(draft: unknown, path: FieldPath): unknown {
  const key = path.at(-1);
  const parent = valueAt(draft, path.slice(0, -1));
  if (typeof key !== 'string' || !isRecord(parent) || !(key in parent)) return draft;
  const { [key]: _, ...rest } = parent;
  return assign(draft, path.slice(0, -1), rest);
}

/**
 * A copy of `draft` with the part whose kind is at `path` (`...neuron.model`)
 * switched to `kind`: the new kind's defaults, and the values the two kinds
 * share kept as they were (an Izhikevich neuron keeps a LIF neuron's synaptic
 * time constants). A value the new kind needs and has no default for is left
 * empty. Unchanged when `path` is not a kind or `kind` is not one of its choices.
 */
export function switchKind(draft: unknown, path: FieldPath, kind: string): unknown {
  const partPath = path.slice(0, -1);
  const union = schemaAt(draft, partPath);
  const old = valueAt(draft, partPath);
  if (!(union instanceof z.ZodDiscriminatedUnion) || path.at(-1) !== union.def.discriminator || !isRecord(old)) return draft;
  const branch = branches(union).find((b) => b.tag === kind);
  if (!branch) return draft;
  const shared = Object.fromEntries(Object.entries(old).filter(([key]) => key !== union.def.discriminator && key in branch.schema.shape));
  const defaults = defaultsOf(branch.schema);
  return assign(draft, partPath, { ...(isRecord(defaults) ? defaults : { [union.def.discriminator]: kind }), ...shared });
}

/** `populations[2].size` (genome.ts's `formatPath`) -> `populations.2.size`. */
function errorKey(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** Every problem of a candidate genome by the key of the path it names ("" for the genome as a whole). */
export function fieldErrors(candidate: unknown): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  const result = validateGenome(candidate);
  if (!result.ok)
    for (const { path, message } of result.errors) {
      const key = errorKey(path);
      errors.set(key, [...(errors.get(key) ?? []), message]);
    }
  return errors;
}

/** Problems as a form shows them: beside a field, or above the buttons. */
export interface PlacedErrors {
  /** Messages by field key. */
  byField: Map<string, string[]>;
  /** Problems that name no single field, as `path: message`. */
  formErrors: string[];
}

/**
 * Puts each problem beside the field it names; one naming a part (a
 * projection's `weight`, a population's `layout`) goes beside that part's
 * first editable field (its kind when it has none). Problems of a whole list, a whole item or the genome, or of
 * a path no field shows, go to `formErrors`.
 */
export function placeErrors(errors: Map<string, string[]>, fields: readonly EditableField[]): PlacedErrors {
  const keyed = fields.map((f) => ({ key: fieldKey(f.path), switchesKind: f.switchesKind }));
  const byField = new Map<string, string[]>();
  const formErrors: string[] = [];
  for (const [path, messages] of errors) {
    const parts = path.split('.');
    const wholeItem = parts.length === 1 || (parts.length === 2 && /^\d+$/.test(parts[1]));
    const under = wholeItem ? [] : keyed.filter((f) => f.key.startsWith(`${path}.`));
    const key = keyed.find((f) => f.key === path)?.key ?? (under.find((f) => !f.switchesKind) ?? under[0])?.key;
    if (key) byField.set(key, [...(byField.get(key) ?? []), ...messages]);
    else formErrors.push(...messages.map((m) => (path ? `${path}: ${m}` : m)));
  }
  return { byField, formErrors };
}
