/** The last error from the worker or the page, until dismissed; the rest of the page keeps working. */
import { errorTitle, selectError } from '@/store';
import { useAppState, useServices } from './app-context';

export function ErrorBanner() {
  const { store } = useServices();
  const error = useAppState(selectError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <div className="error-text">
        <strong>{errorTitle(error.phase)}</strong>
        <pre>{error.message}</pre>
      </div>
      <button type="button" onClick={() => store.getState().dismissError()}>
        Dismiss
      </button>
    </div>
  );
}
