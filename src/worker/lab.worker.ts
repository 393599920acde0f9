/**
 * The lab worker's entry: wires a `LabRunner` to the worker's message port
 * and clock. Everything it does lives in lab-runner.ts. A protocol awaits
 * only promises, never the event loop, so a message sent during a run would
 * wait for its end: a run is stopped by terminating the worker
 * (LabClient.stop), not by a message.
 */
import type { FromLabWorker, ToLabWorker } from './lab-protocol';
import { LabRunner } from './lab-runner';
import { errorText } from './protocol';

/** The part of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: FromLabWorker): void;
  onmessage: ((event: MessageEvent<ToLabWorker>) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

const runner = new LabRunner({ post: (message) => scope.postMessage(message), now: () => performance.now() });

scope.onmessage = (event) => void runner.receive(event.data);
scope.onmessageerror = () => scope.postMessage({ type: 'error', phase: 'message', message: 'A message to the lab worker could not be read' });
scope.addEventListener('unhandledrejection', (event) => scope.postMessage({ type: 'error', phase: 'run', message: errorText(event.reason) }));
