/**
 * The panel below the ring: the space-time diagram, the znode tree and the invariant checks share
 * it (all are "what happened" views that want the width of the main column). The invariants tab
 * shows a red badge when a check broke, whichever view is open. A two-button switch chooses one; it is
 * not an ARIA tablist, so the console's session tabs stay the page's only tabs.
 */
import { useState } from 'react';
import { t } from '../strings.ts';
import { InvariantsPanel, useRedInvariants } from '../invariants/InvariantsPanel.tsx';
import { ZnodeTree } from '../znodes/ZnodeTree.tsx';
import { SpaceTime } from './SpaceTime.tsx';

type View = 'timeline' | 'znodes' | 'invariants';
const VIEWS: View[] = ['timeline', 'znodes', 'invariants'];
/** Read at render time, so a language switch re-labels the tabs. */
const label = (v: View): string => (v === 'timeline' ? t.tabTimeline : v === 'znodes' ? t.tabZnodes : t.tabInvariants);

export function LowerPanels() {
  const [view, setView] = useState<View>('znodes');
  const red = useRedInvariants();
  return (
    <div className="lower-panels" data-view={view}>
      <div className="lower-tabs" role="group" aria-label={t.lowerTabsLabel}>
        {VIEWS.map((id) => (
          <button key={id} type="button" aria-pressed={view === id} aria-controls={`lower-panel`} className="lower-tab" data-tab={id} onClick={() => setView(id)}>
            {label(id)}
            {id === 'invariants' && red > 0 && ' '}
            {id === 'invariants' && red > 0 && <span className="lower-tab-badge" data-red={red}>{t.tabInvariantsRed(red)}</span>}
          </button>
        ))}
      </div>
      <div className="lower-panel" id="lower-panel">
        {view === 'timeline' ? <SpaceTime /> : view === 'znodes' ? <ZnodeTree /> : <InvariantsPanel />}
      </div>
    </div>
  );
}
