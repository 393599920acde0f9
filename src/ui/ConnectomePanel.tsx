/**
 * The live connectome: the Pixi view (loaded on demand) fed by the worker's
 * synapse sample and by frames, never through React, and the counters of
 * structural change beside it. Clicking a neuron opens it in the inspector.
 */
import { useEffect, useRef } from 'react';
import type { ConnectomeView } from '@/render/connectome';
import { formatCount, selectStructure, selectSynapseHistory } from '@/store';
import { errorText } from '@/worker/protocol';
import { useAppState, useServices } from './app-context';
import { Sparkline } from './Sparkline';

export function ConnectomePanel() {
  const { client, store, views } = useServices();
  const hostRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const showError = (message: string) => store.getState().showError({ phase: 'page', message });
    let view: ConnectomeView | null = null;
    let unmounted = false;
    const unsubscribe: (() => void)[] = [];
    import('@/render/connectome')
      .then(({ ConnectomeView }) => {
        if (unmounted) return;
        const shown = new ConnectomeView(host, showError);
        view = shown;
        views.connectome = shown;
        const { experiment } = store.getState();
        if (experiment) shown.setNetwork(experiment.populations);
        unsubscribe.push(
          client.onEvent((event) => event.type === 'ready' && shown.setNetwork(event.populations)),
          client.onSynapses((message) => shown.applySample(message.sample)),
          client.onFrame((frame) => shown.applyFrame(frame)),
          shown.onNeuronClick((neuron) => store.getState().inspect(neuron)),
        );
      })
      .catch((error: unknown) => showError(`The connectome view could not be loaded: ${errorText(error)}`));
    return () => {
      unmounted = true;
      for (const off of unsubscribe) off();
      if (views.connectome === view) views.connectome = null;
      view?.destroy();
    };
  }, [client, store, views]);
  return (
    <section className="connectome-panel" aria-label="Connectome">
      <div className="connectome" ref={hostRef} role="img" aria-label="Connectome: populations as groups of neurons, a sample of synapses as lines; grown synapses flash in, pruned ones fade out red, newborn neurons ring. Click a neuron to inspect it." />
      <StructureCounters />
    </section>
  );
}

function StructureCounters() {
  const structure = useAppState(selectStructure);
  const history = useAppState(selectSynapseHistory);
  return (
    <dl className="structure-counters">
      <div>
        <dt>synapses</dt>
        <dd data-testid="synapse-count">{formatCount(structure.synapses)}</dd>
      </div>
      <div>
        <dt>grown</dt>
        <dd data-testid="grown-count">{formatCount(structure.grown)}</dd>
      </div>
      <div>
        <dt>pruned</dt>
        <dd data-testid="pruned-count">{formatCount(structure.pruned)}</dd>
      </div>
      <div>
        <dt>neurons born</dt>
        <dd data-testid="born-count">{formatCount(structure.born)}</dd>
      </div>
      <Sparkline values={history} color="#fb923c" testId="synapse-strip" fromZero={false} label={`synapses over the last half minute: ${history.length ? `${formatCount(Math.min(...history))} to ${formatCount(Math.max(...history))}` : 'none yet'}`} />
    </dl>
  );
}
