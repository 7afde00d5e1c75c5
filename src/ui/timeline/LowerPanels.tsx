/**
 * The panel below the ring: the space-time diagram and the znode tree share it (both are "what
 * happened" views that want the width of the main column). A two-button switch chooses one; it is
 * not an ARIA tablist, so the console's session tabs stay the page's only tabs.
 */
import { useState } from 'react';
import { t } from '../strings.ts';
import { ZnodeTree } from '../znodes/ZnodeTree.tsx';
import { SpaceTime } from './SpaceTime.tsx';

type View = 'timeline' | 'znodes';
const VIEWS: View[] = ['timeline', 'znodes'];

export function LowerPanels() {
  const [view, setView] = useState<View>('znodes');
  return (
    <div className="lower-panels" data-view={view}>
      <div className="lower-tabs" role="group" aria-label={t.lowerTabsLabel}>
        {VIEWS.map((id) => (
          <button key={id} type="button" aria-pressed={view === id} aria-controls={`lower-panel`} className="lower-tab" onClick={() => setView(id)}>
            {id === 'timeline' ? t.tabTimeline : t.tabZnodes}
          </button>
        ))}
      </div>
      <div className="lower-panel" id="lower-panel">
        {view === 'timeline' ? <SpaceTime /> : <ZnodeTree />}
      </div>
    </div>
  );
}
