/** The first page: the experiment gallery, control bar, teaching (reward, punish) and sensory deprivation, engine notice, error banner, the live raster and its legend. */
import { selectGenomeName } from '@/store';
import { useAppState } from './app-context';
import { ControlBar } from './ControlBar';
import { EngineNotice } from './EngineNotice';
import { ErrorBanner } from './ErrorBanner';
import { PopulationLegend } from './PopulationLegend';
import { PresetGallery } from './PresetGallery';
import { RasterView } from './RasterView';
import { DeprivationSwitch } from './DeprivationSwitch';
import { TeachControls } from './TeachControls';

export function App() {
  const genomeName = useAppState(selectGenomeName);
  return (
    <div className="app">
      <header className="top">
        <h1>Neuroplay</h1>
        <span className="experiment-name">{genomeName}</span>
        <PresetGallery />
      </header>
      <ControlBar />
      <section className="lessons" aria-label="Teach and deprive">
        <TeachControls />
        <DeprivationSwitch />
      </section>
      <EngineNotice />
      <main className="stage">
        <ErrorBanner />
        <RasterView />
        <PopulationLegend />
      </main>
    </div>
  );
}
