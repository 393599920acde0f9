/** A page reopened without a link offers the autosave: continue where it left off, or start fresh. */
import { useState } from 'react';
import { errorText } from '@/worker/protocol';
import { useAppState, useServices } from './app-context';

export function ResumeOffer() {
  const { store, persistence } = useServices();
  const offer = useAppState((s) => s.resumeOffer);
  const [busy, setBusy] = useState(false);
  if (!offer) return null;
  const answer = async (resume: boolean) => {
    setBusy(true);
    try {
      const opened = await persistence;
      if (resume) await opened.open(offer.id);
      opened.startAutosave((message) => store.getState().showError({ phase: 'save', message }));
    } catch (error) {
      store.getState().showError({ phase: 'link', message: `The autosave could not be opened: ${errorText(error)}` });
    } finally {
      store.getState().offerResume(null);
      setBusy(false);
    }
  };
  const when = new Date(offer.savedAt).toLocaleString();
  return (
    <div className="resume-offer" role="region" aria-label="Continue where you left off">
      <span>
        Continue where you left off? <strong>{offer.name}</strong>, {(offer.simTimeMs / 1000).toFixed(1)} s simulated, saved {when}.
      </span>
      <button type="button" className="primary" disabled={busy} onClick={() => void answer(true)}>
        Continue
      </button>
      <button type="button" disabled={busy} onClick={() => void answer(false)}>
        Start fresh
      </button>
    </div>
  );
}
