/**
 * The engine worker's entry: wires an `EngineHost` to the worker's message
 * port, timers and WebGPU. Everything it does lives in host.ts; which engine
 * it runs, in engines.ts.
 */
import { cpuEngine, chooseEngine } from './engines';
import { BROWSER_BUDGET } from '@/sim';
import { EngineHost } from './host';
import { errorText, type FromWorker, type ToWorker } from './protocol';
import { SHADER_SOURCES } from './shaders';

/** The part of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  navigator: { gpu?: GPU };
  postMessage(message: FromWorker, options?: { transfer?: Transferable[] }): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

/**
 * Callbacks due now run from a MessageChannel message rather than
 * setTimeout(0): nested timeouts are clamped to 4 ms, a quarter of a tick
 * lost whenever the simulation is behind wall-clock time.
 */
const dueNow: (() => void)[] = [];
const wake = new MessageChannel();
wake.port1.onmessage = () => dueNow.shift()?.();

function later(callback: () => void, delayMs: number): void {
  if (delayMs >= 1) {
    setTimeout(callback, delayMs);
    return;
  }
  dueNow.push(callback);
  wake.port2.postMessage(null);
}

const host = new EngineHost(
  {
    post: (message, transfer) => scope.postMessage(message, transfer ? { transfer } : undefined),
    now: () => performance.now(),
    later,
  },
  {
    budget: BROWSER_BUDGET,
    createEngine: (connectome) => chooseEngine(connectome, scope.navigator.gpu, SHADER_SOURCES),
    createFallback: (connectome, reason) => cpuEngine(connectome, reason),
  },
);

scope.onmessage = (event) => host.receive(event.data);
scope.onmessageerror = () => scope.postMessage({ type: 'error', phase: 'message', message: 'A message to the engine worker could not be read' });
scope.addEventListener('unhandledrejection', (event) => scope.postMessage({ type: 'error', phase: 'run', message: errorText(event.reason) }));
