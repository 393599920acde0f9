/**
 * The genome editor on the running experiment: edits are checked as they are
 * typed; Apply grows the edited genome and runs it, and until then the
 * running network is untouched.
 */
import { selectGenome } from '@/store';
import { useAppState, useServices } from './app-context';
import { currentBindings, growExperiment } from './experiment-actions';
import { GenomeEditor } from './GenomeEditor';
import './editor.css';

export function EditorTab() {
  const services = useServices();
  const genome = useAppState(selectGenome);
  if (!genome) return <p className="hint">No network yet.</p>;
  return (
    <GenomeEditor
      genome={genome}
      onApply={(edited) => void growExperiment(services, edited, { bindings: currentBindings(services.store) })}
    />
  );
}
