/**
 * The panel below the ring: the space-time diagram, the znode tree (a ZooKeeper lab's), the
 * protocol's own panels (Paxos: ballots; Multi-Paxos: slots) and the invariant checks share it (all
 * are "what happened" views that want the width of the main column). The invariants tab shows a red
 * badge when a check broke, whichever view is open. A switch of buttons chooses one; it is not an
 * ARIA tablist, so on a large screen the console's session tabs stay the page's only tabs (on a
 * small one the page's view tabs, src/ui/ViewTabs.tsx, list these views too).
 */
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { currentSession, runConsoleLine, selectProtocol, useLabStore } from '../../store/index.ts';
import { t, tr } from '../strings.ts';
import { addTexts, useLang } from '../i18n/index.ts';
import { InvariantsPanel, useRedInvariants } from '../invariants/InvariantsPanel.tsx';
import { ZnodeTree } from '../znodes/ZnodeTree.tsx';
import { PaxosPanel } from '../paxos/PaxosPanel.tsx';
import { SlotGrid } from '../multipaxos/SlotGrid.tsx';

/** The space-time diagram (and d3's scales and formats) loads when its tab is first shown. */
const SpaceTime = lazy(() => import('./SpaceTime.tsx').then((m) => ({ default: m.SpaceTime })));

/**
 * The protocols' own panels by panel id (src/protocol/registry.ts PanelSpec): a table, the way a
 * module registers its views.
 */
const PANEL_VIEWS: Record<string, ComponentType> = { paxos: PaxosPanel, multipaxos: SlotGrid };

/** A ZooKeeper lab's Load panel (lab load, lab sweep): its own chunk, loaded when its tab is first shown. */
const LoadPanel = lazy(() => import('../load/LoadPanel.tsx'));
/** What the Load panel uses of the first load (handed over, so its chunk imports none of it). */
const LOAD_DEPS = { currentSession, runConsoleLine: (line: string) => runConsoleLine(line), addTexts, useLang, tr };

/** Read at render time, so a language switch re-labels the tabs. */
function label(v: string): string {
  if (v === 'timeline') return t.tabTimeline;
  if (v === 'znodes') return t.tabZnodes;
  if (v === 'invariants') return t.tabInvariants;
  if (v === 'load') return t.tabLoad;
  return (t.tabPanel as Record<string, string>)[v] ?? v;
}

/** A view's tab label; the invariants' carries the red badge. Also the small screens' tabs (src/ui/ViewTabs.tsx). */
export function LowerTabLabel({ id }: { id: string }) {
  const red = useRedInvariants();
  return (
    <>
      {label(id)}
      {id === 'invariants' && red > 0 && ' '}
      {id === 'invariants' && red > 0 && <span className="lower-tab-badge" data-red={red}>{t.tabInvariantsRed(red)}</span>}
    </>
  );
}

/** The protocol's lower views, and the one shown given the one `chosen` (null: the protocol's first). */
export function useLowerViews(chosen: string | null): { views: string[]; view: string } {
  const protocol = useLabStore(selectProtocol);
  const panels = protocol.panels.filter((p) => PANEL_VIEWS[p]);
  const views = ['timeline', ...(protocol.hasZkCli ? ['znodes'] : []), ...panels, 'invariants', ...(protocol.hasZkCli ? ['load'] : [])];
  // A ZooKeeper lab opens on its znode tree; another on its own first panel.
  const view = chosen !== null && views.includes(chosen) ? chosen : protocol.hasZkCli ? 'znodes' : (panels[0] ?? 'timeline');
  return { views, view };
}

/** `chosen` / `onChoose` let the page hold the choice (its small-screen tabs choose too); without them the panel holds its own. */
export function LowerPanels({ chosen: held, onChoose }: { chosen?: string | null; onChoose?: (view: string) => void } = {}) {
  const [own, setOwn] = useState<string | null>(null);
  const chosen = onChoose ? (held ?? null) : own;
  const setView = onChoose ?? setOwn;
  const { views, view } = useLowerViews(chosen);
  const Panel = PANEL_VIEWS[view];
  return (
    <div className="lower-panels" data-view={view}>
      <div className="lower-tabs" role="group" aria-label={t.lowerTabsLabel}>
        {views.map((id) => (
          <button key={id} type="button" aria-pressed={view === id} aria-controls={`lower-panel`} className="lower-tab" data-tab={id} onClick={() => setView(id)}>
            <LowerTabLabel id={id} />
          </button>
        ))}
      </div>
      <div className="lower-panel" id="lower-panel">
        {view === 'timeline' ? <Suspense fallback={null}><SpaceTime /></Suspense> : view === 'znodes' ? <ZnodeTree /> : view === 'invariants' ? <InvariantsPanel /> : view === 'load' ? <Suspense fallback={null}><LoadPanel deps={LOAD_DEPS} /></Suspense> : Panel ? <Panel /> : null}
      </div>
    </div>
  );
}
