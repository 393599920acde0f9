/**
 * The protocol of the chosen preset, run in its own worker with its live
 * metric and learning curve (digits learns from the bundled digits).
 * Experiments without a protocol say which ones have one.
 */
import { EXPERIMENTS } from '@/lab/experiments';
import { selectGenome, selectPreset } from '@/store';
import type { LabDataset } from '@/worker/lab-protocol';
import { useAppState } from './app-context';
import { fetchBundledDigits } from './bundled-digits';
import { LabPanel } from './LabPanel';

async function bundledDataset(): Promise<LabDataset> {
  const digits = await fetchBundledDigits();
  return { images: digits.images, labels: digits.labels, count: digits.labels.length, width: digits.width, height: digits.height };
}

export function ProtocolTab() {
  const preset = useAppState(selectPreset);
  const genome = useAppState(selectGenome);
  const experiment = preset ? EXPERIMENTS[preset] : undefined;
  if (!experiment || !genome) {
    return (
      <p className="hint">
        This experiment runs freely and has no protocol. Choose one that has, in the gallery: {Object.keys(EXPERIMENTS).join(', ')}. Each runs its published protocol in the background and draws its learning curve here.
      </p>
    );
  }
  return <LabPanel key={experiment.name} experiment={experiment.name} title={experiment.title} seed={genome.seed} loadDataset={experiment.needsDataset ? bundledDataset : undefined} />;
}
