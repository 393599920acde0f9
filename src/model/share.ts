/**
 * The share link: an experiment in the URL hash, or a preset by name.
 *
 *   #x=1.<payload>            link format 1; payload = base64url(deflate-raw(JSON of the validated experiment))
 *   #preset=cuba&seed=3       a preset, optionally with its seed
 *
 * Decoding never throws and never runs anything from the link: every way a
 * link can be wrong (cut short, corrupted, too big, the wrong shape, made by
 * a newer page) comes back as a message a person reads.
 */
import { deflateSync, Inflate, type FlateStreamHandler } from 'fflate';
import { parseJsonBytes, summarizeErrors, validateExperiment, type ValidatedExperiment } from './experiment';
import { PRESETS } from './presets';

/** The link format this page writes and reads; a link with a higher one was made by a newer page. */
export const LINK_FORMAT = 1;

/**
 * Most bytes of experiment JSON a link may carry (checked while inflating,
 * before more is allocated). The presets need 2 to 5 KB; what limits a link
 * in practice is its length: browsers take a hash of megabytes, but chat and
 * mail tools cut links at about 2,000 to 8,000 characters.
 */
export const MAX_LINK_JSON_BYTES = 1 << 20;

/** What a URL hash asks for. */
export type SharedHash =
  | { kind: 'none' }
  | { kind: 'preset'; name: string; seed?: number }
  | { kind: 'experiment'; experiment: ValidatedExperiment }
  | { kind: 'error'; message: string };

/**
 * `#x=1.<payload>` for a validated experiment. The JSON is the experiment as
 * validated (every default filled in), so decoding gives back an equal one.
 * Throws a RangeError for an experiment over MAX_LINK_JSON_BYTES (only huge
 * drawings get there): save it as a file instead.
 */
export function encodeShareHash(experiment: ValidatedExperiment): string {
  const json = new TextEncoder().encode(JSON.stringify({ genome: experiment.genome, bindings: experiment.bindings }));
  if (json.length > MAX_LINK_JSON_BYTES)
    throw new RangeError(`This experiment is ${kib(json.length)} as JSON, more than the ${kib(MAX_LINK_JSON_BYTES)} a link carries: save it as a file instead.`);
  return `#x=${LINK_FORMAT}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** `#preset=<name>` or `#preset=<name>&seed=<n>`. */
export function presetHash(name: string, seed?: number): string {
  return `#preset=${encodeURIComponent(name)}${seed === undefined ? '' : `&seed=${seed}`}`;
}

/** `base` (any hash it has dropped) with the experiment's hash. */
export function shareUrl(base: string, experiment: ValidatedExperiment): string {
  return base.replace(/#[\s\S]*$/, '') + encodeShareHash(experiment);
}

/** Reads a URL hash (with or without its '#'); never throws. */
export function decodeShareHash(hash: string): SharedHash {
  try {
    return decodeHash(hash);
  } catch (error) {
    // Every known failure is answered above; this is the guarantee for the unknown ones.
    return { kind: 'error', message: `This link could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

const KEYS = ['x', 'preset', 'seed'] as const;
type Key = (typeof KEYS)[number];
const error = (message: string): SharedHash => ({ kind: 'error', message });

function decodeHash(hash: string): SharedHash {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '' || isAnchor(text)) return { kind: 'none' };
  const params = new Map<Key, string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === null || value === null) return error('This link is damaged: it has a broken %-escape.');
    if (!(KEYS as readonly string[]).includes(key))
      return error(`This link has "${clip(key)}", which Neuroplay does not read: a link has x=… (an experiment) or preset=… (with an optional seed=…).`);
    if (params.has(key as Key)) return error(`This link gives "${key}" more than once.`);
    params.set(key as Key, value);
  }
  const x = params.get('x');
  const preset = params.get('preset');
  const seed = params.get('seed');
  if (x !== undefined && preset !== undefined) return error('This link has both an experiment (x=…) and a preset (preset=…); it can open only one.');
  if (x !== undefined) return seed === undefined ? decodeExperiment(x) : error('This link has a seed= beside an experiment, whose genome carries its own seed.');
  if (preset !== undefined) return decodePreset(preset, seed);
  if (seed !== undefined) return error('This link has a seed= but no preset= to go with it.');
  return { kind: 'none' };
}

/** A bare fragment like `#top` or `#scaling-out`: an anchor in a page, not a link's parameters. */
function isAnchor(text: string): boolean {
  return !/[=&]/.test(text) && !(KEYS as readonly string[]).includes(text);
}

function decodePreset(name: string, seedText: string | undefined): SharedHash {
  const names = Object.keys(PRESETS);
  if (!names.includes(name)) return error(`There is no preset named "${clip(name)}". The presets are ${names.join(', ')}.`);
  if (seedText === undefined) return { kind: 'preset', name };
  const seed = /^\d{1,10}$/.test(seedText) ? Number(seedText) : NaN;
  if (!(seed <= 0xffffffff)) return error(`The link's seed "${clip(seedText)}" is not a whole number from 0 to 4294967295.`);
  return { kind: 'preset', name, seed };
}

function decodeExperiment(value: string): SharedHash {
  const dot = value.indexOf('.');
  const formatText = dot < 0 ? '' : value.slice(0, dot);
  if (!/^\d{1,6}$/.test(formatText)) return error('This link is damaged: x= must start with the link format and a dot, like x=1.…');
  const format = Number(formatText);
  if (format > LINK_FORMAT) return error(`This link was made by a newer version of Neuroplay (link format ${format}; this page reads ${LINK_FORMAT}).`);
  if (format !== LINK_FORMAT) return error(`This link has format ${format}, which Neuroplay never wrote (this page reads ${LINK_FORMAT}).`);

  const payload = value.slice(dot + 1);
  // Deflate never grows JSON by more than a few bytes, so a payload longer than the JSON cap encodes is refused unread.
  if (payload.length > base64Length(MAX_LINK_JSON_BYTES + 1024)) return error(`This link is too long: it would carry more than the ${kib(MAX_LINK_JSON_BYTES)} of experiment a link may.`);
  const packed = fromBase64Url(payload);
  if (typeof packed === 'string') return error(`This link is damaged: ${packed}.`);
  let json: Uint8Array | null;
  try {
    json = unpackWithin(Inflate, packed, MAX_LINK_JSON_BYTES);
  } catch (e) {
    return error(`This link is damaged: its data does not unpack (${e instanceof Error ? e.message : String(e)}). Was it cut short?`);
  }
  if (json === null) return error(`This link's experiment unpacks to more than ${kib(MAX_LINK_JSON_BYTES)}, the most a link may carry.`);
  const parsed = parseJsonBytes(json);
  if (!parsed.ok) return error(`This link is damaged: its data ${parsed.problem}.`);
  const result = validateExperiment(parsed.value);
  if (!result.ok) return error(`This link's experiment is not valid:\n${summarizeErrors(result.errors)}`);
  return { kind: 'experiment', experiment: result.experiment };
}

/** A streaming fflate decompressor: Inflate (deflate-raw) or Gunzip. */
export type StreamDecoder = new (ondata: FlateStreamHandler) => { push(chunk: Uint8Array, final?: boolean): void };

/**
 * Decompresses `data` a slice at a time and gives up (null) as soon as the
 * output passes `maxBytes`: deflate expands at most about 1,032 times, so a
 * slice of maxBytes / 1024 bytes adds about maxBytes at most, and a small
 * "zip bomb" can make it neither allocate nor work much past the limit.
 * `expectedBytes` (a gzip trailer's size) is allocated at once, so a big
 * file is not held twice. Throws fflate's error for corrupt or truncated data.
 */
export function unpackWithin(Decoder: StreamDecoder, data: Uint8Array, maxBytes: number, expectedBytes = 0): Uint8Array<ArrayBuffer> | null {
  let out = new Uint8Array(Math.min(maxBytes, expectedBytes));
  let total = 0;
  const decoder = new Decoder((chunk) => {
    const start = total;
    total += chunk.length;
    if (total > maxBytes) return;
    if (total > out.length) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(total, 2 * out.length)));
      grown.set(out.subarray(0, start));
      out = grown;
    }
    out.set(chunk, start);
  });
  const slice = Math.min(1 << 16, Math.max(1 << 10, Math.floor(maxBytes / 1024)));
  let at = 0;
  do {
    decoder.push(data.subarray(at, at + slice), at + slice >= data.length);
    if (total > maxBytes) return null;
    at += slice;
  } while (at < data.length);
  return out.subarray(0, total);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTET = new Map([...BASE64URL].map((c, i) => [c.charCodeAt(0), i]));

/** Characters of unpadded base64url for `bytes` bytes. */
function base64Length(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

/** Unpadded base64url (RFC 4648 section 5): URL-safe, no escaping needed in a hash. */
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8) | (i + 2 < bytes.length ? bytes[i + 2] : 0);
    const chars = base64Length(Math.min(3, bytes.length - i));
    for (let k = 0; k < chars; k++) out += BASE64URL[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of unpadded base64url text, or what is wrong with it. */
function fromBase64Url(text: string): Uint8Array | string {
  if (text.length % 4 === 1) return 'its data ends in the middle of a byte (was it cut short?)';
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const sextet = SEXTET.get(text.charCodeAt(i));
    if (sextet === undefined) return `its data has "${text[i]}" at character ${i + 1}, which base64url does not use`;
    acc = ((acc << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A piece of a hostile link, short enough to quote in a message. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en')} KiB`;
}
