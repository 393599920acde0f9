import { describe, expect, it } from 'vitest';
import { LabClient, type LabWorker } from '@/worker/lab-client';
import type { FromLabWorker, LabError, ToLabWorker } from '@/worker/lab-protocol';

/** A stand-in Worker: records what the client sends and whether it was terminated; `say` plays a message from the worker. */
class FakeWorker implements LabWorker {
  readonly sent: ToLabWorker[] = [];
  terminated = 0;
  onmessage: LabWorker['onmessage'] = null;
  onerror: LabWorker['onerror'] = null;
  onmessageerror: LabWorker['onmessageerror'] = null;
  postMessage(message: ToLabWorker): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated++;
  }
  say(message: FromLabWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromLabWorker>);
  }
}

function started() {
  const worker = new FakeWorker();
  const client = new LabClient(worker, { type: 'start', experiment: 'novelty', seed: 4 });
  const heard: string[] = [];
  const errors: LabError[] = [];
  client.onProgress((p) => heard.push(`progress ${p.doneAll}`));
  client.onPoint((p) => heard.push(`point ${p.x}:${p.y}`));
  client.onDone((d) => heard.push(`done ${Object.keys(d.figures).join(',')}`));
  client.onError((e) => errors.push(e));
  return { worker, client, heard, errors };
}

const progress = (doneAll: number): FromLabWorker => ({ type: 'progress', phase: 'train', done: doneAll, total: 12, doneAll, totalAll: 12 });

describe('LabClient', () => {
  it('sends start with the experiment and seed (novelty, 4) and hands each message to its listeners in order', () => {
    const { worker, heard } = started();
    expect(worker.sent).toEqual([{ type: 'start', experiment: 'novelty', seed: 4 }]);
    worker.say({ type: 'point', x: 1, y: 6.25, name: "O's response (novel)", unit: 'Hz' });
    worker.say(progress(1));
    worker.say({ type: 'done', figures: { repeats: 6 }, metrics: [] });
    expect(heard).toEqual(['point 1:6.25', 'progress 1', 'done repeats']);
  });

  it('terminates the worker once the run is done, and hears nothing after', () => {
    const { worker, heard } = started();
    worker.say({ type: 'done', figures: {}, metrics: [] });
    worker.say(progress(2));
    expect(worker.terminated).toBe(1);
    expect(heard).toEqual(['done ']);
  });

  it('stops by terminating the worker: later messages reach no listener and no error is made up', () => {
    const { worker, client, heard, errors } = started();
    client.stop();
    worker.say(progress(3));
    worker.onerror?.({ message: 'gone' } as ErrorEvent);
    expect(worker.terminated).toBe(1);
    expect(heard).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("turns a dead worker into a 'worker' error and terminates it", () => {
    const { worker, errors } = started();
    worker.onerror?.({ message: 'SyntaxError: unexpected token' } as ErrorEvent);
    expect(errors).toEqual([{ type: 'error', phase: 'worker', message: 'The lab worker stopped: SyntaxError: unexpected token' }]);
    expect(worker.terminated).toBe(1);
  });

  it("passes the worker's own errors on as they are and ends the run", () => {
    const { worker, errors } = started();
    const error: LabError = { type: 'error', phase: 'start', message: 'start.dataset: digits trains on images, and no data set was given' };
    worker.say(error);
    expect(errors).toEqual([error]);
    expect(worker.terminated).toBe(1);
  });

  it('unsubscribes: a removed listener hears nothing more', () => {
    const { worker, client } = started();
    const heard: number[] = [];
    const off = client.onProgress((p) => heard.push(p.doneAll));
    worker.say(progress(1));
    off();
    worker.say(progress(2));
    expect(heard).toEqual([1]);
  });
});
