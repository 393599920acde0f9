import { describe, expect, it } from 'vitest';
import { EXPERIMENT_LIMITS, LISTED_ERRORS, MAX_JSON_DEPTH, parseGenome, parseJsonBytes, PRESETS, summarizeErrors, validateExperiment, type FieldError } from '@/model';

/** The playground's genome: sensors retina, cochlea and touch. */
const genome = () => PRESETS.playground.genome({});

/** The messages for an experiment, as `path: message` lines. */
function problems(input: unknown): string[] {
  const result = validateExperiment(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('validateExperiment', () => {
  it('accepts a palette stimulus and a drawing, and fills the genome defaults as validateGenome does', () => {
    const bindings = [
      { sensor: 'cochlea', stimulus: 'tone-1000' },
      { sensor: 'retina', drawing: [[{ x: 0, y: 0 }, { x: 1, y: 0.5 }], []] },
    ];
    const result = validateExperiment({ genome: genome(), bindings });
    expect(result).toEqual({ ok: true, experiment: { genome: parseGenome(genome()), bindings } });
  });

  it('keeps the step a save\'s stimulus started at (from_step), and refuses one that is negative, fractional or not a number', () => {
    const bindings = [
      { sensor: 'retina', stimulus: 'digit-stream', from_step: 12_345 },
      { sensor: 'touch', drawing: [], from_step: 0 },
    ];
    expect(validateExperiment({ genome: genome(), bindings })).toEqual({ ok: true, experiment: { genome: parseGenome(genome()), bindings } });
    const at = (from_step: unknown) => problems({ genome: genome(), bindings: [{ sensor: 'retina', stimulus: 'noise', from_step }] });
    expect(at(-1)).toEqual(['bindings[0].from_step: must be >= 0']);
    expect(at(2.5)).toEqual(['bindings[0].from_step: must be a whole number']);
    expect(at('7')).toEqual(['bindings[0].from_step: must be a number']);
  });

  it('prefixes the genome rules and size limits with genome. (2 x 1,500,000 neurons exceed the limit 2,000,000)', () => {
    const source = (name: string) => ({ name, size: 1_500_000, neuron: { model: 'spike_source' as const }, sign: 'excitatory' as const });
    const big = { format: 'neuroplay-genome', version: 1, seed: 1, populations: [source('a'), source('b')] };
    expect(problems({ genome: big, bindings: [] })).toEqual(['genome.populations: 3,000,000 neurons in all exceed the limit 2,000,000']);
    expect(problems({ genome: 'cuba', bindings: [] })).toEqual(['genome: Invalid input: expected object, received string']);
  });

  it('refuses a binding to a sensor the genome lacks, naming the ones it has, and a sensor bound twice', () => {
    expect(problems({ genome: genome(), bindings: [{ sensor: 'nose', stimulus: 'noise' }] })).toEqual(['bindings[0].sensor: no sensor named "nose" (the genome has retina, cochlea, touch)']);
    expect(problems({ genome: PRESETS.cuba.genome({}), bindings: [{ sensor: 'retina', stimulus: 'noise' }] })).toEqual([
      'bindings[0].sensor: no sensor named "retina" (the genome has no sensors)',
    ]);
    expect(
      problems({
        genome: genome(),
        bindings: [
          { sensor: 'touch', stimulus: 'touch-1' },
          { sensor: 'touch', stimulus: 'touch-2' },
        ],
      }),
    ).toEqual(['bindings[1].sensor: "touch" is bound more than once']);
  });

  it('bounds ids, coordinates, strokes and bindings', () => {
    const at = (binding: unknown) => problems({ genome: genome(), bindings: [binding] });
    expect(at({ sensor: 'retina', stimulus: 'Digit 3' })).toEqual(['bindings[0].stimulus: must use lower-case letters, digits and -']);
    expect(at({ sensor: 'retina', stimulus: 'a'.repeat(65) })).toEqual(['bindings[0].stimulus: is longer than 64 characters']);
    expect(at({ sensor: 'retina', drawing: [[{ x: 1.5, y: 0 }]] })).toEqual(['bindings[0].drawing[0][0].x: must be <= 1']);
    expect(at({ sensor: 'retina', drawing: [[{ x: 'NaN', y: 0 }]] })).toEqual(['bindings[0].drawing[0][0].x: must be a finite number']);
    expect(at({ sensor: 'retina', drawing: [[{ x: 0, y: 0, z: 0 }]] })).toEqual(['bindings[0].drawing[0][0]: Unrecognized key: "z"']);
    expect(at({ sensor: 'retina', drawing: [Array.from({ length: 513 }, () => ({ x: 0, y: 0 }))] })).toEqual(['bindings[0].drawing[0]: has more than 512 points']);
    expect(at({ sensor: 'retina', drawing: Array.from({ length: 65 }, () => []) })).toEqual(['bindings[0].drawing: has more than 64 strokes']);
    expect(at({ sensor: 'retina', stimulus: 'noise', drawing: [] })).toEqual(['bindings[0]: Unrecognized key: "stimulus"']);
    expect(at({ sensor: 'retina' })).toEqual(['bindings[0].stimulus: must be a string']);
    expect(at(null)).toEqual(['bindings[0]: Invalid input: expected object, received null']);
    expect(problems({ genome: genome(), bindings: Array.from({ length: 65 }, () => ({ sensor: 'retina', stimulus: 'noise' })) })).toEqual(['bindings: has more than 64 bindings']);
    expect(problems({ genome: genome(), bindings: [], extra: 1 })).toEqual([': Unrecognized key: "extra"']);
  });

  it(`refuses drawings of more than ${EXPERIMENT_LIMITS.maxDrawingPoints} points in all (two full drawings: 65,536)`, () => {
    const full = Array.from({ length: 64 }, () => Array.from({ length: 512 }, () => ({ x: 0.5, y: 0.5 })));
    const g = genome();
    g.sensors = [...g.sensors!, { name: 'retina2', population: 'retina', kind: 'retina' }];
    expect(problems({ genome: g, bindings: [{ sensor: 'retina', drawing: full }] })).toEqual([]);
    expect(
      problems({
        genome: g,
        bindings: [
          { sensor: 'retina', drawing: full },
          { sensor: 'retina2', drawing: full },
        ],
      }),
    ).toEqual(['bindings: the drawings have 65536 points in all, more than the limit 32768']);
  });
});

describe('summarizeErrors', () => {
  it(`lists the first ${LISTED_ERRORS} problems and counts the rest (25 -> 20 lines + "(and 5 more)")`, () => {
    const errors: FieldError[] = Array.from({ length: 25 }, (_, i) => ({ path: `a[${i}]`, message: 'bad' }));
    const lines = summarizeErrors(errors).split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe('a[19]: bad');
    expect(lines[20]).toBe('(and 5 more)');
    expect(summarizeErrors(errors.slice(0, 2))).toBe('a[0]: bad\na[1]: bad');
  });
});

describe('parseJsonBytes', () => {
  const parse = (text: string | Uint8Array) => parseJsonBytes(typeof text === 'string' ? new TextEncoder().encode(text) : text);

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses ${MAX_JSON_DEPTH + 1}, not counting brackets inside strings`, () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parse(nested(32))).toEqual({ ok: true, value: JSON.parse(nested(32)) });
    expect(parse(nested(33))).toEqual({ ok: false, problem: 'nests 33 levels deep, more than the 32 an experiment may' });
    // Brackets after an escaped quote are still inside the string; a string ending in an escaped backslash has ended.
    const quoted = JSON.stringify({ a: `\\"${'['.repeat(40)}` });
    expect(parse(quoted)).toEqual({ ok: true, value: JSON.parse(quoted) });
    expect(parse(JSON.stringify({ a: 'x\\', b: JSON.parse(nested(40)) }))).toEqual({ ok: false, problem: 'nests 41 levels deep, more than the 32 an experiment may' });
  });

  it('says when the bytes are not UTF-8 or not JSON', () => {
    expect(parse(new Uint8Array([0x22, 0xc3, 0x28, 0x22]))).toEqual({ ok: false, problem: 'is not UTF-8 text' });
    expect(parse('{"a":')).toEqual({ ok: false, problem: expect.stringMatching(/^is not JSON \(.+\)$/) });
    expect(parse('')).toEqual({ ok: false, problem: expect.stringMatching(/^is not JSON \(.+\)$/) });
  });
});
