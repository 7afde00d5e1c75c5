/**
 * The console's tabs: one zkCli per tab, each with its own client session on its own server (so
 * ephemerals, locks and watches between clients can be shown). "+" opens a session on the server
 * picked beside it; × (or Delete on the tab) closes a tab's session (zkCli's `close`) and the tab.
 */
import { useState } from 'react';
import {
  closeConsoleTab, DEFAULT_TAB, openConsoleTab, selectActiveConsoleTab, selectConsoleTabs, selectConsoleTab, selectServerIds,
  useLabStore,
} from '../../store/index.ts';
import { t } from '../strings.ts';

export function ConsoleTabs() {
  const tabs = useLabStore(selectConsoleTabs);
  const active = useLabStore(selectActiveConsoleTab);
  const ids = useLabStore(selectServerIds);
  const [server, setServer] = useState<number | null>(null);
  // Default: the next server after the newest tab's, so a second tab lands on another server.
  const newest = tabs[tabs.length - 1]?.sid ?? 1;
  const fallback = ids.length > 0 ? (ids[(ids.indexOf(newest) + 1) % ids.length] ?? ids[0]!) : 1;
  const chosen = server !== null && ids.includes(server) ? server : fallback;
  return (
    <div className="console-tabs">
      <div role="tablist" aria-label={t.consoleTabsLabel} className="console-tablist">
        {tabs.map((tab) => {
          const host = tab.host.split(':')[0] ?? tab.host;
          const selected = tab.id === active;
          return (
            // The tablist owns only tabs (ARIA): the wrapper is presentational, and closing is the
            // tab's Delete key (the APG tabs pattern) — the × beside it is the mouse's way to it.
            <div key={tab.id} role="presentation" className={`console-tab${selected ? ' selected' : ''}`} data-tab={tab.id} data-state={tab.state}>
              <button
                type="button"
                role="tab"
                aria-selected={selected}
                aria-controls={`console-log-${tab.id}`}
                aria-keyshortcuts={tab.id !== DEFAULT_TAB ? 'Delete' : undefined}
                className="console-tab-name"
                title={t.consoleTabTitle(tab.host, tab.state, tab.sessionId) + (tab.id !== DEFAULT_TAB ? ` · ${t.consoleTabCloseKey}` : '')}
                onClick={() => selectConsoleTab(tab.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Delete' && tab.id !== DEFAULT_TAB) {
                    e.preventDefault();
                    void closeConsoleTab(tab.id);
                  }
                }}
              >
                <span className={`tab-dot state-${tab.state.toLowerCase()}`} aria-hidden="true" />
                {t.consoleTabName(tab.id, host)}
              </button>
              {tab.id !== DEFAULT_TAB && (
                <button
                  type="button"
                  className="console-tab-close"
                  aria-hidden="true"
                  tabIndex={-1}
                  data-close-tab={tab.id}
                  title={`${t.consoleTabClose(tab.id, host)}: ${t.consoleTabCloseTitle}`}
                  onClick={() => void closeConsoleTab(tab.id)}
                >
                  ×
                </button>
              )}
            </div>
          );
        })}
      </div>
      <div className="console-newtab">
        <select aria-label={t.consoleNewTabServer} value={chosen} onChange={(e) => setServer(Number(e.currentTarget.value))}>
          {ids.map((sid) => (
            <option key={sid} value={sid}>
              zk{sid}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          aria-label={t.consoleNewTab(`zk${chosen}`)}
          title={t.consoleNewTab(`zk${chosen}`)}
          onClick={() => {
            void openConsoleTab(chosen);
            // Type into the new session at once.
            requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('.console-input textarea')?.focus());
          }}
        >
          +
        </button>
      </div>
    </div>
  );
}
