/**
 * Hostile links: whatever a hash holds, decodeShareHash answers with nothing,
 * a preset, a valid experiment or an error a person can read, never throws,
 * never reaches its catch-all ("could not be read", kept for the unknown),
 * never pollutes Object.prototype, and answers each link within MAX_CASE_MS.
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash, PRESETS, validateExperiment, type ValidatedExperiment } from '@/model';

const RUNS = 2000;
/**
 * Bound on one case, in CPU time (user + system, which other processes on
 * a loaded machine do not stretch), the less of two decodes of it, so that
 * collecting the generators' garbage is not charged to the decoder.
 * The slowest measured: 16 ms (a hostile experiment); most under 1 ms.
 */
const MAX_CASE_MS = 200;

const experiments: ValidatedExperiment[] = Object.values(PRESETS).map((preset) => {
  const result = validateExperiment({ genome: preset.genome({}), bindings: [] });
  if (!result.ok) throw new Error(`preset ${preset.name} is invalid`);
  return result.experiment;
});
const validLinks = experiments.map(encodeShareHash);

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
// Level 1: the decoder reads any level, and hostile JSON of 400 KB packs 10 times faster.
const linkOf = (json: string) => `#x=1.${base64url(deflateSync(new TextEncoder().encode(json), { level: 1 }))}`;

/** CPU time between two readings of process.cpuUsage(), ms. */
const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;

/** Decodes one hash (twice, for the time) and checks the answer, within MAX_CASE_MS. */
function check(hash: string): void {
  const t0 = process.cpuUsage();
  const decoded = decodeShareHash(hash);
  const t1 = process.cpuUsage();
  decodeShareHash(hash);
  const ms = Math.min(cpuMs(t0, t1), cpuMs(t1, process.cpuUsage()));
  if (decoded.kind === 'error') {
    expect(decoded.message.length).toBeGreaterThan(0);
    expect(decoded.message).not.toMatch(/^This link could not be read/);
  } else if (decoded.kind === 'experiment') {
    // What a link gives is valid and links back to itself.
    expect(validateExperiment(decoded.experiment)).toEqual({ ok: true, experiment: decoded.experiment });
    expect(decodeShareHash(encodeShareHash(decoded.experiment))).toEqual(decoded);
  }
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(ms).toBeLessThan(MAX_CASE_MS);
}

/** Runs RUNS cases of `arbitrary` through `check`; returns how many ran. */
function fuzz(arbitrary: fc.Arbitrary<string>): number {
  let cases = 0;
  fc.assert(
    fc.property(arbitrary, (hash) => {
      cases++;
      check(hash);
    }),
    { numRuns: RUNS },
  );
  return cases;
}

/** Every path to a value inside a JSON tree. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** Every path but the root's, per preset: where a mutation may land. */
const presetPaths = experiments.map((experiment) => paths(experiment).filter((p) => p.length > 0));

/** Values JSON.stringify cannot write, put in as placeholders and spliced into the text. */
const RAW: Record<string, (n: number) => string> = {
  '"@huge-number"': () => '1e999',
  '"@negative-huge"': () => '-1e999',
  '"@deep"': (n) => '['.repeat(n) + ']'.repeat(n),
  '"@deep-object"': (n) => '{"a":'.repeat(n) + '0' + '}'.repeat(n),
};

// Weighted so that the heavy ones (deep nesting, big arrays) are about one case in five.
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>('NaN', 'Infinity', '-Infinity', '1e999', -1, 0, -0, 0.5, 1e308, -1e308, 2 ** 32, 2 ** 53 + 2, null, true, '', {}, [], 'x'.repeat(5000)) },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...Object.keys(RAW).map((k) => k.slice(1, -1))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200_000 }).map((n) => new Array<number>(n).fill(7)) },
);

/** A preset experiment with the value at one path replaced, or one extra key (__proto__ and constructor included) put in an object. */
const mutatedExperiment = fc
  .record({
    which: fc.nat({ max: experiments.length - 1 }),
    pick: fc.nat(),
    value: hostileValue,
    extraKey: fc.option(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'prototype'), { nil: undefined }),
    depth: fc.integer({ min: 1, max: 60_000 }),
  })
  .map(({ which, pick, value, extraKey, depth }) => {
    const tree = structuredClone(experiments[which]) as unknown as Record<string, unknown>;
    const path = presetPaths[which][pick % presetPaths[which].length];
    let parent = tree as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    const target = extraKey !== undefined && parent[last] && typeof parent[last] === 'object' ? (parent[last] as object) : null;
    if (target) Object.defineProperty(target, extraKey!, { value: extraKey === '__proto__' ? { polluted: true } : value, enumerable: true });
    else parent[last] = value;
    let json = JSON.stringify(tree);
    for (const [placeholder, raw] of Object.entries(RAW)) if (json.includes(placeholder)) json = json.split(placeholder).join(raw(depth));
    return linkOf(json);
  });

describe('share links under fuzz', () => {
  it(`answers ${RUNS} random strings (binary, Unicode, hash-like, base64url payloads) in < ${MAX_CASE_MS} ms each`, () => {
    const hashLike = fc
      .array(fc.tuple(fc.constantFrom('x', 'preset', 'seed', 'y', '', '%', '__proto__'), fc.string({ maxLength: 20 })), { maxLength: 4 })
      .map((pairs) => `#${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`);
    const payloadLike = fc.tuple(fc.constantFrom('#x=1.', 'x=1.', '#x=2.', '#x=01.'), fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/)).map(([a, b]) => a + b);
    const cases = fuzz(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), hashLike, payloadLike));
    expect(cases).toBe(RUNS);
  });

  it(`answers ${RUNS} links of random bytes, raw and deflated (not JSON, not UTF-8, not deflate)`, () => {
    const bytes = fc.uint8Array({ maxLength: 3000 });
    const cases = fuzz(
      fc.oneof(
        bytes.map((b) => `#x=1.${base64url(b)}`),
        bytes.map((b) => `#x=1.${base64url(deflateSync(b))}`),
      ),
    );
    expect(cases).toBe(RUNS);
  });

  it(`answers ${RUNS} truncations, bit flips and character swaps of the presets' links`, () => {
    const mangled = fc
      .record({ which: fc.nat({ max: validLinks.length - 1 }), at: fc.nat(), bit: fc.nat({ max: 7 }), char: fc.constantFrom('A', '_', '-', '!', '=', '%', '.', '&'), how: fc.constantFrom('cut', 'flip', 'swap') })
      .map(({ which, at, bit, char, how }) => {
        const link = validLinks[which];
        const payload = Buffer.from(link.slice('#x=1.'.length), 'base64url');
        switch (how) {
          case 'cut':
            return link.slice(0, at % link.length);
          case 'flip':
            payload[at % payload.length] ^= 1 << bit;
            return `#x=1.${base64url(payload)}`;
          case 'swap': {
            const i = 5 + (at % (link.length - 5));
            return link.slice(0, i) + char + link.slice(i + 1);
          }
        }
      });
    const cases = fuzz(mangled);
    expect(cases).toBe(RUNS);
  });

  it(`answers ${RUNS} hostile experiments: a preset with one value replaced (NaN as text, 1e999, -1, 60,000-deep nesting, 200,000-element arrays) or a key added (__proto__, constructor)`, () => {
    const cases = fuzz(mutatedExperiment);
    expect(cases).toBe(RUNS);
  });
});
