/**
 * An experiment as a link or a file carries it: the genome, and what is bound
 * to each sensor (a stimulus of the palette by id, or a drawing). Bounded and
 * validated like the genome: `validateExperiment` is the only way in.
 */
import { z } from 'zod';
import { finite } from './finite';
import { formatErrors, formatPath, validateGenome, type FieldError } from './genome';
import { LIMITS } from './limits';
import type { Genome, GenomeInput } from './schema';

/** Bounds on what an experiment carries besides its genome. */
export const EXPERIMENT_LIMITS = {
  maxBindings: 64,
  maxStimulusIdLength: 64,
  maxStrokes: 64,
  maxStrokePoints: 512,
  /**
   * Points of all drawings together: one full drawing (64 x 512). At about
   * 40 bytes a point in JSON that is 1.3 MB, so a valid experiment always
   * fits a state file's header.
   */
  maxDrawingPoints: 64 * 512,
} as const;

const { maxBindings, maxStimulusIdLength, maxStrokes, maxStrokePoints, maxDrawingPoints } = EXPERIMENT_LIMITS;

const unitCoordinate = () => finite().min(0, 'must be >= 0').max(1, 'must be <= 1');
const sensorName = () =>
  z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(LIMITS.maxNameLength, `is longer than ${LIMITS.maxNameLength} characters`);

/**
 * The step the stimulus was bound at, kept by a save: reopened with its
 * state, a stream or a latency code goes on in the phase it had instead of
 * starting its cycle again. A link grows from step 0 and binds there.
 */
const fromStep = () => z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be >= 0').max(Number.MAX_SAFE_INTEGER, 'is too large').optional();

/** A stroke of a drawing: points in the unit square, (0, 0) the top left. */
export const StrokeSchema = z.array(z.strictObject({ x: unitCoordinate(), y: unitCoordinate() })).max(maxStrokePoints, `has more than ${maxStrokePoints} points`);

/** A sensor shown a stimulus of the palette by id ('digit-3', 'tone-1000', 'digit-stream', 'bar-vertical', 'noise', 'touch-2'). */
export const PaletteBindingSchema = z.strictObject({
  sensor: sensorName(),
  stimulus: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(maxStimulusIdLength, `is longer than ${maxStimulusIdLength} characters`)
    .regex(/^[a-z0-9-]+$/, 'must use lower-case letters, digits and -'),
  from_step: fromStep(),
});

/** A sensor shown the person's drawing. */
export const DrawingBindingSchema = z.strictObject({ sensor: sensorName(), drawing: z.array(StrokeSchema).max(maxStrokes, `has more than ${maxStrokes} strokes`), from_step: fromStep() });

/**
 * A binding is read by the schema its keys call for (one with `drawing` is a
 * drawing), so a wrong value gets its own message rather than a union's
 * "matches neither".
 */
function bindingSchema(binding: unknown) {
  return typeof binding === 'object' && binding !== null && 'drawing' in binding ? DrawingBindingSchema : PaletteBindingSchema;
}

/** The experiment's own fields; the genome is checked by `validateGenome`, so every genome rule and size limit applies. */
const ExperimentSchema = z.strictObject({
  genome: z.unknown(),
  bindings: z.array(z.unknown()).max(maxBindings, `has more than ${maxBindings} bindings`),
});

export type StimulusBinding = z.output<typeof PaletteBindingSchema> | z.output<typeof DrawingBindingSchema>;

/** An experiment as written by the page or read from a link (genome defaults may be missing). */
export interface Experiment {
  genome: GenomeInput;
  bindings: StimulusBinding[];
}

/** A validated experiment: the genome with every default filled in, each binding on a sensor the genome has. */
export interface ValidatedExperiment {
  genome: Genome;
  bindings: StimulusBinding[];
}

export type ExperimentResult = { ok: true; experiment: ValidatedExperiment } | { ok: false; errors: FieldError[] };

/** Validates anything (parsed JSON from a link or a file) as an experiment; never throws. */
export function validateExperiment(input: unknown): ExperimentResult {
  const parsed = ExperimentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fromIssues(parsed.error.issues) };
  const genome = validateGenome(parsed.data.genome);
  if (!genome.ok) return { ok: false, errors: genome.errors.map((e) => ({ path: e.path ? `genome.${e.path}` : 'genome', message: e.message })) };
  const bindings: StimulusBinding[] = [];
  const errors: FieldError[] = [];
  parsed.data.bindings.forEach((input, i) => {
    const binding = bindingSchema(input).safeParse(input);
    if (binding.success) bindings.push(binding.data);
    else errors.push(...fromIssues(binding.error.issues, ['bindings', i]));
  });
  if (!errors.length) errors.push(...checkBindings(genome.genome, bindings));
  return errors.length ? { ok: false, errors } : { ok: true, experiment: { genome: withoutNegativeZero(genome.genome), bindings } };
}

/**
 * The genome with every -0 as 0, in place (the validated genome is the
 * schema's own copy): JSON writes both as 0, so an experiment read from a
 * link or a file must hold 0 to write back to the same link.
 */
function withoutNegativeZero<T>(value: T): T {
  if (Array.isArray(value)) value.forEach((item, i) => (value[i] = Object.is(item, -0) ? 0 : withoutNegativeZero(item)));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) (value as Record<string, unknown>)[key] = Object.is(item, -0) ? 0 : withoutNegativeZero(item);
  return value;
}

function fromIssues(issues: z.core.$ZodIssue[], at: PropertyKey[] = []): FieldError[] {
  return issues.map((issue) => ({ path: formatPath([...at, ...issue.path]), message: issue.message }));
}

/** Each binding names a sensor of the genome, once; the drawings together stay within maxDrawingPoints. */
function checkBindings(genome: Genome, bindings: StimulusBinding[]): FieldError[] {
  const errors: FieldError[] = [];
  const sensors = genome.sensors.map((s) => s.name);
  const bound = new Set<string>();
  let points = 0;
  bindings.forEach((binding, i) => {
    const at = `bindings[${i}].sensor`;
    if (!sensors.includes(binding.sensor))
      errors.push({ path: at, message: `no sensor named "${binding.sensor}" (${sensors.length ? `the genome has ${sensors.join(', ')}` : 'the genome has no sensors'})` });
    else if (bound.has(binding.sensor)) errors.push({ path: at, message: `"${binding.sensor}" is bound more than once` });
    bound.add(binding.sensor);
    if ('drawing' in binding) for (const stroke of binding.drawing) points += stroke.length;
  });
  if (points > maxDrawingPoints) errors.push({ path: 'bindings', message: `the drawings have ${points} points in all, more than the limit ${maxDrawingPoints}` });
  return errors;
}

/** Problems a message lists before it says how many more there are: a hostile input can have thousands. */
export const LISTED_ERRORS = 20;

/** `formatErrors` of the first LISTED_ERRORS problems, then how many were left out. */
export function summarizeErrors(errors: FieldError[]): string {
  const listed = formatErrors(errors.slice(0, LISTED_ERRORS));
  return errors.length > LISTED_ERRORS ? `${listed}\n(and ${errors.length - LISTED_ERRORS} more)` : listed;
}

/** Deepest nesting of arrays and objects a link or a file header may have; an experiment in a header nests 7 deep. */
export const MAX_JSON_DEPTH = 32;

/**
 * Parses UTF-8 JSON from a link or a file; never throws. The nesting depth
 * is checked first, by a scan that allocates nothing: JSON.parse of a
 * megabyte of '[' takes 200 ms and builds half a million arrays. `problem`
 * completes "its data ..." or "the header ...".
 */
export function parseJsonBytes(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'is not UTF-8 text' };
  }
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) return { ok: false, problem: `nests ${depth.toLocaleString('en')} levels deep, more than the ${MAX_JSON_DEPTH} an experiment may` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `is not JSON (${message.length > 80 ? `${message.slice(0, 80)}…` : message})` };
  }
}

/** Deepest nesting of '[' and '{' outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // '\': the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
