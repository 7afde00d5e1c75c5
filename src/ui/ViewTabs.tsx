/**
 * Small screens (below 1024 px wide, src/ui/responsive.css): the page's regions — the ring, the
 * lower panel's views, the lesson, the inspector, the event log and the console — become one row
 * of ARIA tabs, one region shown at a time. At 1024 px and wider nothing here renders and the
 * regions keep the desktop layout (their slots are `display: contents`).
 */
import { useCallback, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { t } from './strings.ts';

/** The width below which the regions become tabs (keep in step with src/ui/responsive.css). */
export const SMALL_SCREEN_QUERY = '(max-width: 1023.98px)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(SMALL_SCREEN_QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

export function useSmallScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(SMALL_SCREEN_QUERY).matches, () => false);
}

export interface ViewTab {
  id: string;
  /** The slot (region) the tab shows: several tabs may show one slot (the lower panel's views). */
  slot: string;
  label: ReactNode;
}

const tabId = (id: string) => `view-tab-${id}`;
const slotId = (slot: string) => `view-panel-${slot}`;

export function ViewTabs({ tabs, selected, onSelect }: { tabs: ViewTab[]; selected: string; onSelect: (id: string) => void }) {
  // Arrow keys, Home and End move between tabs and select (the ARIA tabs pattern, automatic activation).
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const i = tabs.findIndex((tab) => tab.id === selected);
      const next =
        e.key === 'ArrowRight' ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length
        : e.key === 'Home' ? 0
        : e.key === 'End' ? tabs.length - 1
        : -1;
      if (next < 0) return;
      e.preventDefault();
      const id = tabs[next]!.id;
      onSelect(id);
      document.getElementById(tabId(id))?.focus();
    },
    [tabs, selected, onSelect],
  );
  return (
    <div className="view-tabs" role="tablist" aria-label={t.viewTabsLabel} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          className="view-tab"
          data-view-tab={tab.id}
          aria-selected={tab.id === selected}
          aria-controls={slotId(tab.slot)}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/**
 * A region's slot: on a small screen a tab panel, hidden unless its tab is chosen; on a large one
 * `display: contents`, as if it were not there.
 */
export function ViewSlot({ slot, small, shownTab, children }: { slot: string; small: boolean; shownTab: string | null; children: ReactNode }) {
  if (!small) return <div className="view-slot" data-slot={slot}>{children}</div>;
  return (
    <div className="view-slot" data-slot={slot} id={slotId(slot)} role="tabpanel" aria-labelledby={shownTab ? tabId(shownTab) : undefined} hidden={shownTab === null}>
      {children}
    </div>
  );
}
