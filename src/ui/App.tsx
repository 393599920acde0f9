/**
 * The playground on one screen: the gallery and controls on top; stimuli and
 * senses on the left; the raster and the live connectome in the middle; the
 * populations and the tabs (inspector, weights, protocol, genome) on the
 * right. Everything below the controls loads on demand.
 */
import { lazy, Suspense } from 'react';
import { selectGenomeName } from '@/store';
import { useAppState } from './app-context';
import { ControlBar } from './ControlBar';
import { DeprivationSwitch } from './DeprivationSwitch';
import { EngineNotice } from './EngineNotice';
import { ErrorBanner } from './ErrorBanner';
import { PopulationLegend } from './PopulationLegend';
import { PresetGallery } from './PresetGallery';
import { FileDrop } from './FileDrop';
import { RasterView } from './RasterView';
import { ResumeOffer } from './ResumeOffer';
import { ShareButton } from './ShareButton';
import { Tabs, type Tab } from './Tabs';
import { TeachControls } from './TeachControls';

const StimulusBench = lazy(() => import('./stimuli/StimulusBench').then((m) => ({ default: m.StimulusBench })));
const ConnectomePanel = lazy(() => import('./ConnectomePanel').then((m) => ({ default: m.ConnectomePanel })));
const Inspector = lazy(() => import('./Inspector').then((m) => ({ default: m.Inspector })));
const WeightsView = lazy(() => import('./WeightsView').then((m) => ({ default: m.WeightsView })));
const ProtocolTab = lazy(() => import('./ProtocolTab').then((m) => ({ default: m.ProtocolTab })));
const LibraryTab = lazy(() => import('./LibraryTab').then((m) => ({ default: m.LibraryTab })));
const EditorTab = lazy(() => import('./EditorTab').then((m) => ({ default: m.EditorTab })));

const TABS: Tab[] = [
  { id: 'inspector', title: 'Inspector', panel: () => <Inspector /> },
  { id: 'weights', title: 'Weights', panel: () => <WeightsView /> },
  { id: 'protocol', title: 'Protocol', panel: () => <ProtocolTab /> },
  { id: 'genome', title: 'Genome', panel: () => <EditorTab /> },
  { id: 'saved', title: 'Saved', panel: () => <LibraryTab /> },
];

export function App() {
  const genomeName = useAppState(selectGenomeName);
  return (
    <div className="app">
      <header className="top">
        <h1>Neuroplay</h1>
        <span className="experiment-name">{genomeName}</span>
        <PresetGallery />
        <ShareButton />
      </header>
      <ResumeOffer />
      <FileDrop />
      <ControlBar />
      <section className="lessons" aria-label="Teach and deprive">
        <TeachControls />
        <DeprivationSwitch />
      </section>
      <EngineNotice />
      <main className="workspace">
        <ErrorBanner />
        <Suspense fallback={<div className="bench" />}>
          <StimulusBench />
        </Suspense>
        <div className="views">
          <RasterView />
          <Suspense fallback={<div className="connectome-panel" />}>
            <ConnectomePanel />
          </Suspense>
        </div>
        <aside className="side">
          <PopulationLegend />
          <Tabs tabs={TABS} label="Look inside" />
        </aside>
      </main>
    </div>
  );
}
