/**
 * Share: the running experiment (genome, seed, stimuli) as a link, written
 * into the address bar and copied. Whoever opens it grows the same network
 * from the same seed, with the same stimuli from the first step.
 */
import { useState } from 'react';
import { errorText } from '@/worker/protocol';
import { useServices } from './app-context';
import { currentBindings } from './experiment-actions';

export function ShareButton() {
  const { store } = useServices();
  const [said, setSaid] = useState('');
  const share = async () => {
    try {
      // The codec comes with the genome schema (zod): loaded when first used.
      const { shareUrl, validateExperiment, formatErrors } = await import('@/model');
      const genome = store.getState().experiment?.genome;
      if (!genome) return setSaid('No experiment yet');
      const result = validateExperiment({ genome, bindings: currentBindings(store) });
      if (!result.ok) return setSaid(`Not shareable: ${formatErrors(result.errors)}`);
      const url = shareUrl(window.location.href.split('#')[0], result.experiment);
      window.history.replaceState(null, '', url);
      const leftOut = Object.values(store.getState().bound).some((bound) => bound.binding === null) ? ' (your own image stays here: a link carries no pictures)' : '';
      await navigator.clipboard.writeText(url).then(
        () => setSaid(`Link copied: ${url.length.toLocaleString('en')} characters${leftOut}`),
        () => setSaid(`The link is in the address bar: copy it from there${leftOut}`),
      );
    } catch (error) {
      setSaid(`No link: ${errorText(error)}`);
    }
  };
  return (
    <span className="share">
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      <span className="hint" role="status">
        {said}
      </span>
    </span>
  );
}
