/** The saved-experiments library over fake-indexeddb (a spec-following IndexedDB in Node; values go through structuredClone as in a browser). */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRESETS, parseGenome } from '@/model';
import { DB_NAME, DB_VERSION, ExperimentLibrary, NAME_MAX, type NewSave, type SavePayload } from '@/persist';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

const open = () => ExperimentLibrary.open(new IDBFactory());

function meta(name: string, overrides: Partial<NewSave> = {}): NewSave {
  return { name, preset: 'playground', savedAt: '2024-01-01T00:00:00.000Z', step: 100, simTimeMs: 10, metric: null, neurons: 5, synapses: 7, ...overrides };
}

function payload(step = 100): SavePayload {
  const arrays = { v: new Float32Array([step, -0, 1.5]), alive: new Uint8Array([1, 0, 1]) };
  return { experiment: { genome: { seed: 3 }, bindings: [] }, snapshot: { format: 'neuroplay-state', version: 1, step, arrays } };
}

type StateArray = EngineSnapshot['arrays'][string];

/** The first byte at which two typed arrays differ, -1 when none: equal bytes mean equal values, NaN and -0 included. */
function firstDifference(a: StateArray, b: StateArray): number {
  const [x, y] = [a, b].map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  if (x.equals(y)) return -1;
  return x.findIndex((byte, i) => byte !== y[i]);
}

function expectSameArrays(actual: EngineSnapshot['arrays'], expected: EngineSnapshot['arrays']) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [name, array] of Object.entries(expected)) {
    expect(actual[name].constructor, name).toBe(array.constructor);
    expect(actual[name].length, name).toBe(array.length);
    expect(firstDifference(actual[name], array), name).toBe(-1);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('ExperimentLibrary: save, list, load', () => {
  it('round-trips a CPU snapshot of the playground preset after 200 steps: every state array byte for byte, in its own type (all five kinds present)', async () => {
    const genome = PRESETS.playground.genome({ seed: 5 });
    const engine = new CpuEngine(buildConnectome(parseGenome(genome)));
    engine.step(200);
    const snapshot = await engine.snapshot();
    const types = new Set(Object.values(snapshot.arrays).map((array) => array.constructor.name));
    expect([...types].sort()).toEqual(['Float32Array', 'Int32Array', 'Uint16Array', 'Uint32Array', 'Uint8Array']);
    const experiment = { genome, bindings: [{ sensor: 'retina', stimulus: 'digit-3' }] };

    const library = await open();
    const saved = await library.save(meta('Playground, 20 ms', { step: 200, simTimeMs: 20, metric: 'accuracy 82%' }), { experiment, snapshot });
    const loaded = await library.load(saved.id);

    expect(loaded!.meta).toEqual(saved);
    expect(loaded!.experiment).toEqual(experiment);
    expect(loaded!.snapshot.step).toBe(200);
    expectSameArrays(loaded!.snapshot.arrays, snapshot.arrays);
    library.close();
  });

  it('keeps the edge values of every array type exactly: NaN, -0, +-Infinity, the smallest subnormal, the extremes of each integer type', async () => {
    const arrays = {
      f32: new Float32Array([NaN, -0, 0, Infinity, -Infinity, 1.4e-45, 3.4028234663852886e38, -1 / 3]),
      i32: new Int32Array([-(2 ** 31), 2 ** 31 - 1, -1, 0]),
      u32: new Uint32Array([0, 2 ** 32 - 1, 65536]),
      u16: new Uint16Array([0, 65535, 256]),
      u8: new Uint8Array([0, 1, 255]),
    };
    const library = await open();
    const { id } = await library.save(meta('edges'), { experiment: null, snapshot: { format: 'neuroplay-state', version: 1, step: 0, arrays } });
    const back = (await library.load(id))!.snapshot.arrays;
    expectSameArrays(back, arrays);
    expect(Object.is(back.f32[1], -0)).toBe(true);
    expect(back.f32[0]).toBeNaN();
  });

  it('lists newest first by savedAt (March, February, January), and dates a save without savedAt now', async () => {
    const library = await open();
    for (const [name, month] of [['January', '01'], ['March', '03'], ['February', '02']])
      await library.save(meta(name, { savedAt: `2024-${month}-01T00:00:00.000Z` }), payload());
    expect((await library.list()).map((save) => save.name)).toEqual(['March', 'February', 'January']);

    const before = new Date().toISOString();
    const { savedAt, ...undated } = meta('today');
    const today = await library.save(undated, payload());
    expect(today.savedAt >= before && today.savedAt <= new Date().toISOString()).toBe(true);
    expect((await library.list())[0].name).toBe('today');
  });

  it('gives each save a UUID and stores exactly the metadata fields, autosave false', async () => {
    const library = await open();
    const saved = await library.save({ ...meta('  Tones  '), extra: 'dropped' } as NewSave, payload());
    expect(saved.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await library.list()).toEqual([{ ...meta('Tones'), id: saved.id, autosave: false }]);
  });

  it('answers null for an unknown id', async () => {
    expect(await (await open()).load('no-such-id')).toBeNull();
  });

  it('refuses a savedAt that is not an ISO time as toISOString writes it, naming the value', async () => {
    await expect((await open()).save(meta('x', { savedAt: '2024-01-01' }), payload())).rejects.toThrow('savedAt is "2024-01-01": expected a time as Date.toISOString writes it');
  });
});

describe('ExperimentLibrary: the autosave slot', () => {
  it('replaces the one autosave (same id, step 100 then 200) and leaves the named saves alone', async () => {
    const library = await open();
    const named = await library.save(meta('mine'), payload(50));
    const first = await library.autosave(meta('Autosave', { step: 100 }), payload(100));
    const second = await library.autosave(meta('Autosave', { step: 200, savedAt: '2024-01-02T00:00:00.000Z' }), payload(200));

    expect(second.id).toBe(first.id);
    expect(second.autosave).toBe(true);
    expect((await library.list()).map((save) => [save.name, save.step, save.autosave])).toEqual([
      ['Autosave', 200, true],
      ['mine', 100, false],
    ]);
    expect(await library.latestAutosave()).toEqual(second);
    expect((await library.load(second.id))!.snapshot.arrays.v[0]).toBe(200);
    expect((await library.load(named.id))!.snapshot.arrays.v[0]).toBe(50);
  });

  it('has no autosave in a new library: latestAutosave is null', async () => {
    expect(await (await open()).latestAutosave()).toBeNull();
  });

  it('leaves the previous autosave whole when a write fails half way (metadata written, state refused): step 100 stays', async () => {
    const library = await open();
    const previous = await library.autosave(meta('Autosave'), payload(100));
    // A function cannot be cloned: the state's put throws DataCloneError after the metadata's put went in.
    const broken = { ...payload(300), experiment: () => 0 };
    await expect(library.autosave(meta('Autosave', { step: 300 }), broken)).rejects.toThrow('Autosaving failed: DataCloneError');

    expect(await library.latestAutosave()).toEqual(previous);
    expect((await library.load(previous.id))!.snapshot.arrays.v[0]).toBe(100);
  });
});

describe('ExperimentLibrary: rename, duplicate, delete', () => {
  it('renames with the name trimmed; a renamed autosave becomes a save of its own, and the next autosave takes a new slot', async () => {
    const library = await open();
    const auto = await library.autosave(meta('Autosave'), payload(100));
    expect(await library.rename(auto.id, '  Keep this one ')).toEqual({ ...auto, name: 'Keep this one', autosave: false });

    const next = await library.autosave(meta('Autosave', { savedAt: '2024-02-01T00:00:00.000Z' }), payload(200));
    expect(next.id).not.toBe(auto.id);
    expect((await library.list()).map((save) => [save.name, save.autosave])).toEqual([
      ['Autosave', true],
      ['Keep this one', false],
    ]);
  });

  it(`refuses an empty name, one of spaces and one of ${NAME_MAX + 1} characters; accepts ${NAME_MAX}, counting an emoji as one`, async () => {
    const library = await open();
    const { id } = await library.save(meta('x'), payload());
    await expect(library.rename(id, '')).rejects.toThrow('A saved experiment needs a name: give it 1 to 100 characters.');
    await expect(library.rename(id, '   ')).rejects.toThrow('needs a name');
    await expect(library.rename(id, 'a'.repeat(101))).rejects.toThrow('The name has 101 characters: at most 100 are allowed.');
    await expect(library.save(meta('b'.repeat(101)), payload())).rejects.toThrow('The name has 101 characters');
    expect((await library.rename(id, '🧠'.repeat(100))).name).toBe('🧠'.repeat(100));
    expect((await library.list()).map((save) => save.name)).toEqual(['🧠'.repeat(100)]);
  });

  it('refuses to rename or duplicate an unknown id, saying none has it', async () => {
    const library = await open();
    await expect(library.rename('gone', 'name')).rejects.toThrow('No saved experiment has the id gone');
    await expect(library.duplicate('gone')).rejects.toThrow('No saved experiment has the id gone');
  });

  it('duplicates under a new id as "<name> (copy)", dated now so it lists first, with the same state; the original stays', async () => {
    const library = await open();
    const original = await library.autosave(meta('Digits', { metric: 'accuracy 82%' }), payload(100));
    const copy = await library.duplicate(original.id);

    expect(copy).toMatchObject({ name: 'Digits (copy)', metric: 'accuracy 82%', step: 100, autosave: false });
    expect(copy.id).not.toBe(original.id);
    expect(copy.savedAt > original.savedAt).toBe(true);
    expect((await library.list()).map((save) => save.id)).toEqual([copy.id, original.id]);
    const [a, b] = [await library.load(copy.id), await library.load(original.id)];
    expect(a!.experiment).toEqual(b!.experiment);
    expectSameArrays(a!.snapshot.arrays, b!.snapshot.arrays);
  });

  it(`shortens a ${NAME_MAX}-character name so that its copy's name is ${NAME_MAX} characters ending in " (copy)"`, async () => {
    const library = await open();
    const { id } = await library.save(meta('n'.repeat(NAME_MAX)), payload());
    const copy = await library.duplicate(id);
    expect(copy.name).toBe(`${'n'.repeat(NAME_MAX - 7)} (copy)`);
  });

  it('deletes a save and its state; deleting it again does nothing', async () => {
    const library = await open();
    const [keep, drop] = [await library.save(meta('keep'), payload()), await library.save(meta('drop'), payload())];
    await library.delete(drop.id);
    await library.delete(drop.id);
    expect(await library.load(drop.id)).toBeNull();
    expect((await library.list()).map((save) => save.id)).toEqual([keep.id]);
  });
});

describe('ExperimentLibrary: failures in words a person reads', () => {
  it('rejects open without IndexedDB (no global indexedDB, as in some private modes)', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(ExperimentLibrary.open()).rejects.toThrow("This browser offers no IndexedDB here (the page has no indexedDB), so experiments cannot be saved or reopened.");
  });

  it('rejects open when the factory throws (SecurityError), naming the reason', async () => {
    const refusing = { open: () => { throw new DOMException('access denied', 'SecurityError'); } } as unknown as IDBFactory;
    await expect(ExperimentLibrary.open(refusing)).rejects.toThrow('This browser offers no IndexedDB here (SecurityError: access denied)');
  });

  it('reports a full disk: a put whose transaction aborts with QuotaExceededError, and nothing of that save is kept', async () => {
    const library = await open();
    const put = IDBObjectStore.prototype.put;
    // As a browser does: the transaction aborts with QuotaExceededError, its requests fail with AbortError.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      if (this.name === 'states') (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    await expect(library.save(meta('big'), payload())).rejects.toThrow("The browser's storage is full: saving \"big\" failed. Delete saved experiments you no longer need");
    vi.restoreAllMocks();
    expect(await library.list()).toEqual([]);
  });

  it('closes for a newer version in another tab (calls then say so) and refuses to open a database newer than itself', async () => {
    const factory = new IDBFactory();
    const library = await ExperimentLibrary.open(factory);
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await expect(library.list()).rejects.toThrow('The saved experiments were closed (a newer Neuroplay in another tab, or the browser cleared site data): listing the saved experiments failed. Reload the page.');
    newer.close();
    await expect(ExperimentLibrary.open(factory)).rejects.toThrow('The saved experiments were written by a newer version of Neuroplay: reload the page to open them.');
  });
});
