/**
 * The live connectome: the Pixi view (loaded on demand) fed by the worker's
 * synapse sample and by frames, never through React, and the counters of
 * structural change beside it. Clicking a neuron opens it in the inspector.
 */
import { useCallback } from 'react';
import type { ConnectomeView } from '@/render/connectome';
import { formatCount, selectStructure, selectSynapseHistory } from '@/store';
import { useAppState, useServices } from './app-context';
import { Sparkline } from './Sparkline';
import { useHostedView, type ViewFactory } from './use-hosted-view';

const loadView = (): Promise<ViewFactory<ConnectomeView>> => import('@/render/connectome').then(({ ConnectomeView }) => (host, showError) => new ConnectomeView(host, showError));

export function ConnectomePanel() {
  const { client, store, views } = useServices();
  const wire = useCallback(
    (view: ConnectomeView) => {
      views.connectome = view;
      const { experiment } = store.getState();
      if (experiment) view.setNetwork(experiment.populations);
      return [
        client.onEvent((event) => event.type === 'ready' && view.setNetwork(event.populations)),
        client.onSynapses((message) => view.applySample(message.sample)),
        client.onFrame((frame) => view.applyFrame(frame)),
        view.onNeuronClick((neuron) => store.getState().inspect(neuron)),
        () => {
          if (views.connectome === view) views.connectome = null;
        },
      ];
    },
    [client, store, views],
  );
  const hostRef = useHostedView('The connectome view', loadView, wire);
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
