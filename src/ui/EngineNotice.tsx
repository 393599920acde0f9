/** Says so when the network runs on the CPU engine although WebGPU was tried: no WebGPU here, or WebGPU failed mid-run. */
import { engineNotice, selectDtMs, selectEngine } from '@/store';
import { useAppState } from './app-context';

export function EngineNotice() {
  const engine = useAppState(selectEngine);
  const dtMs = useAppState(selectDtMs);
  const notice = engine && dtMs ? engineNotice(engine, dtMs) : null;
  if (!notice) return null;
  return (
    <div className="engine-notice" role="status" data-testid="engine-notice">
      <strong>{notice.title}</strong>
      <span>{notice.detail}</span>
    </div>
  );
}
