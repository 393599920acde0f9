/** What the library lists of a save, and the checks on what a caller hands in. */
import { StorageError } from './errors';

/** One saved experiment as the library lists it: enough to choose it without reading its state. */
export interface SaveMeta {
  /** crypto.randomUUID(); also the key of its state. */
  id: string;
  name: string;
  /** The preset it started from, null for one built by hand. */
  preset: string | null;
  /** When it was saved: an ISO 8601 UTC time as Date.toISOString writes it (sorts as time). */
  savedAt: string;
  /** Steps simulated when it was saved. */
  step: number;
  simTimeMs: number;
  /** The protocol's metric at the time, e.g. "accuracy 82%"; null when none ran. */
  metric: string | null;
  /** Neurons alive and synapses in use. */
  neurons: number;
  synapses: number;
  /** The single slot the autosaver replaces; false for saves a person made. */
  autosave: boolean;
}

/** What a caller gives for a new save: the library assigns the id and the autosave flag; savedAt defaults to now. */
export type NewSave = Omit<SaveMeta, 'id' | 'autosave' | 'savedAt'> & { savedAt?: string };

/** Longest name, in characters (code points). */
export const NAME_MAX = 100;

const COPY_SUFFIX = ' (copy)';

/** `name` trimmed, or a StorageError saying why it cannot name a save. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length === 0) throw new StorageError(`A saved experiment needs a name: give it 1 to ${NAME_MAX} characters.`);
  if (length > NAME_MAX) throw new StorageError(`The name has ${length} characters: at most ${NAME_MAX} are allowed.`);
  return trimmed;
}

/** "<name> (copy)", the name shortened to keep the whole within NAME_MAX. */
export function copyName(name: string): string {
  const room = NAME_MAX - COPY_SUFFIX.length;
  const characters = [...name];
  return `${characters.length > room ? characters.slice(0, room).join('').trimEnd() : name}${COPY_SUFFIX}`;
}

/** `input` checked (name, savedAt), with the id and flag given. */
export function completeMeta(input: NewSave, id: string, autosave: boolean): SaveMeta {
  const savedAt = input.savedAt ?? new Date().toISOString();
  if (!isIsoTime(savedAt)) throw new StorageError(`savedAt is ${JSON.stringify(savedAt)}: expected a time as Date.toISOString writes it, e.g. "2025-03-01T12:00:00.000Z".`);
  const { preset, step, simTimeMs, metric, neurons, synapses } = input;
  return { id, name: checkName(input.name), preset, savedAt, step, simTimeMs, metric, neurons, synapses, autosave };
}

function isIsoTime(text: string): boolean {
  const time = new Date(text);
  return !Number.isNaN(time.getTime()) && time.toISOString() === text;
}
