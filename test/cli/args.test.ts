import { describe, expect, it } from 'vitest';
import { parseDurationS, parseFlags, parseInteger, parseIntegerList, readFlag } from '@/cli/args';

const SPEC = { out: 'value', json: 'switch' } as const;

describe('parseFlags', () => {
  it('splits positionals from flags in both --name value and --name=value forms', () => {
    const p = parseFlags(['cuba', '--out', 'a.json', '--json'], SPEC);
    expect(p.positional).toEqual(['cuba']);
    expect(p.flags.get('out')).toBe('a.json');
    expect(p.flags.get('json')).toBe(true);
    expect(parseFlags(['--out=b.json'], SPEC).flags.get('out')).toBe('b.json');
    expect(p.problems).toEqual([]);
  });

  it('names each unknown flag, a missing value and a value given to a switch, all at once (3 problems)', () => {
    const p = parseFlags(['--nope', '-x', '--json=yes', '--out'], SPEC);
    expect(p.problems).toEqual(['--nope: unknown flag', '-x: unknown flag', '--json: takes no value', '--out: needs a value']);
  });

  it('does not take the next flag as a value: "--out --json" is a missing value', () => {
    const p = parseFlags(['--out', '--json'], SPEC);
    expect(p.problems).toEqual(['--out: needs a value']);
    expect(p.flags.get('json')).toBe(true);
  });

  it('treats everything after -- as positional', () => {
    expect(parseFlags(['--', '--json'], SPEC).positional).toEqual(['--json']);
  });
});

describe('parseDurationS', () => {
  it('reads 2s as 2 s, 500ms as 0.5 s and 1.5s as 1.5 s', () => {
    expect(parseDurationS('2s')).toBe(2);
    expect(parseDurationS('500ms')).toBe(0.5);
    expect(parseDurationS('1.5s')).toBe(1.5);
    expect(parseDurationS('1e3ms')).toBe(1);
  });

  it('refuses a bare number (unit unknown), zero, a negative, a word and more than an hour', () => {
    expect(() => parseDurationS('2')).toThrow('add a unit');
    expect(() => parseDurationS('0s')).toThrow('longer than 0');
    expect(() => parseDurationS('-1s')).toThrow('not a duration');
    expect(() => parseDurationS('soon')).toThrow('not a duration');
    expect(() => parseDurationS('3601s')).toThrow('exceeds the limit 3600s');
  });
});

describe('parseInteger and parseIntegerList', () => {
  it('reads 64000 and 4e3, and a list 4000,16000', () => {
    expect(parseInteger('64000', 1, 1e6)).toBe(64000);
    expect(parseInteger('4e3', 1, 1e6)).toBe(4000);
    expect(parseIntegerList('4000, 16000', 1, 1e6)).toEqual([4000, 16000]);
  });

  it('refuses 1.5, "ten", values outside [min, max] and an empty list item', () => {
    expect(() => parseInteger('1.5', 0, 10)).toThrow('not a whole number');
    expect(() => parseInteger('ten', 0, 10)).toThrow('not a whole number');
    expect(() => parseInteger('11', 0, 10)).toThrow('exceeds the limit 10');
    expect(() => parseInteger('-1', 0, 10)).toThrow('below the minimum 0');
    expect(() => parseIntegerList('4000,,8000', 1, 1e6)).toThrow('comma-separated');
  });
});

describe('readFlag', () => {
  it('records "--flag: reason" and returns undefined for a bad value', () => {
    const p = parseFlags(['--out', 'x'], SPEC);
    expect(
      readFlag(p, 'out', () => {
        throw new Error('is bad');
      }),
    ).toBeUndefined();
    expect(p.problems).toEqual(['--out: is bad']);
  });
});
