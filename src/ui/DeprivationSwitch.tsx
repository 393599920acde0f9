/**
 * Sensory deprivation: one switch silences every sensor at once (and gives
 * each its input back); the population rates show the input dropping and
 * what the network does on its own.
 */
import { selectCanCommand, selectDeprived } from '@/store';
import { useAppState, useServices } from './app-context';

export function DeprivationSwitch() {
  const { client } = useServices();
  const canCommand = useAppState(selectCanCommand);
  const deprived = useAppState(selectDeprived);
  return (
    <label className={`deprivation${deprived ? ' on' : ''}`}>
      <input type="checkbox" role="switch" checked={deprived} disabled={!canCommand} onChange={(event) => client.deprive(event.target.checked)} />
      Sensory deprivation
      <span className="hint">{deprived ? 'every sensor is silent' : 'senses on'}</span>
    </label>
  );
}
