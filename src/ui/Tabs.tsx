/** Tabs over panels that load on demand: only the open panel is mounted, so a closed one costs nothing. */
import { Suspense, useId, useState, type ReactNode } from 'react';

export interface Tab {
  id: string;
  title: string;
  panel: () => ReactNode;
}

export function Tabs({ tabs, label }: { tabs: Tab[]; label: string }) {
  const [open, setOpen] = useState(tabs[0].id);
  const base = useId();
  const current = tabs.find((tab) => tab.id === open) ?? tabs[0];
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button key={tab.id} type="button" role="tab" id={`${base}-${tab.id}`} aria-selected={tab.id === current.id} aria-controls={`${base}-panel`} onClick={() => setOpen(tab.id)}>
            {tab.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${current.id}`} className="tab-panel">
        <Suspense fallback={<p className="hint">Loading…</p>}>{current.panel()}</Suspense>
      </div>
    </div>
  );
}
