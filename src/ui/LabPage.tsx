/** The lab's page: controls on top, the ensemble and the znode tree on the left, details and console on the right. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectEnsemble, selectProtocol, selectSelectedSid, useLabStore, type ProtocolInfo } from '../store/index.ts';
import { ProtocolPicker } from './controls/ProtocolPicker.tsx';
import { ClusterView } from './cluster/ClusterView.tsx';
import { Legend } from './cluster/Legend.tsx';
import { Console } from './console/Console.tsx';
import { PlaybackControls } from './controls/PlaybackControls.tsx';
import { EventLog } from './eventlog/EventLog.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { Notices } from './notices/Notices.tsx';
import { LanguageSwitcher } from './controls/LanguageSwitcher.tsx';
import { useLang } from './i18n/index.ts';
import { LessonPanel, type LessonLaunch } from './lessons/LessonPanel.tsx';
import { LessonsMenu } from './lessons/LessonsMenu.tsx';
import { ShareRun } from './controls/ShareRun.tsx';
import { t, tr } from './strings.ts';
import { useLabKeys } from './useLabKeys.ts';
import { LowerPanels, LowerTabLabel, useLowerViews } from './timeline/LowerPanels.tsx';
import { useSmallScreen, ViewSlot, ViewTabs, type ViewTab } from './ViewTabs.tsx';
import { PresentButton, PresentCaption, PresentOverlay } from './present/Present.tsx';
import { Welcome } from './firstvisit/Welcome.tsx';

// Export and import (trace files, ShiViz, pictures, video) load after the page: not in its first load.
const ExportMenu = lazy(() => import('./export/ExportMenu.tsx').then((m) => ({ default: m.ExportMenu })));

/** A lab of another protocol: its sizes (`3 acceptors · 2 proposers · 1 learner`), seed, retry policy and link latency. */
function ProtocolSummary({ p }: { p: ProtocolInfo }) {
  const counts = p.settings.filter((s) => typeof s.value === 'number').map((s) => tr(`settingCount.${s.key}`, { count: s.value }));
  const retry = p.settings.find((s) => s.key === 'retry');
  const latency = { latencyMs: p.latencyMs, maxMs: p.latencyMs + p.latencySpreadMs };
  return (
    <div className="ensemble-summary">
      <span className="ensemble-main">{tr('labSummary', { parts: counts.join(' · '), seed: p.seed })}</span>
      <span className="ensemble-settings">
        {retry ? tr('labSettings', { retry: (t.retryNames as Record<string, string>)[String(retry.value)] ?? retry.value, ...latency }) : tr('labSettingsLatency', latency)}
        {p.bugs.length > 0 && <span className="ensemble-bugs"> · {tr('labBugs', { bugs: p.bugs.join(', ') })}</span>}
      </span>
    </div>
  );
}

function EnsembleSummary() {
  const p = useLabStore(selectProtocol);
  const e = useLabStore(useShallow(selectEnsemble));
  if (!p.hasZkCli) return <ProtocolSummary p={p} />;
  return (
    <div className="ensemble-summary">
      <span className="ensemble-main">{t.ensembleSummary(e.voters.length, e.observers.length, e.seed)}</span>
      <span className="ensemble-settings">{t.ensembleSettings(e.tickTime, e.initLimit, e.syncLimit, e.latencyMs, e.latencySpreadMs)}</span>
    </div>
  );
}

export function LabPage({ lesson = null }: { lesson?: LessonLaunch | null } = {}) {
  useLabKeys();
  // Re-render the page (and so every `t.*` under it) when the language changes.
  const lang = useLang();
  const protocol = useLabStore(selectProtocol);
  useEffect(() => {
    document.title = protocol.hasZkCli || protocol.title === '' ? t.appTitle : `${protocol.title} — ${t.appTitle}`;
  }, [protocol, lang]);
  // Small screens: one region at a time, chosen by the view tabs (src/ui/ViewTabs.tsx).
  const small = useSmallScreen();
  const [lowerChosen, setLowerChosen] = useState<string | null>(null);
  const { views: lowerViews, view: lowerView } = useLowerViews(lowerChosen);
  const [slot, setSlot] = useState(lesson ? 'lesson' : 'ring');
  const tabs: ViewTab[] = [
    { id: 'ring', slot: 'ring', label: tr('viewTabs.ring') },
    ...lowerViews.map((v) => ({ id: v, slot: 'lower', label: <LowerTabLabel id={v} /> })),
    ...['lesson', 'inspector', 'log', 'console'].filter((s) => s !== 'lesson' || lesson).map((s) => ({ id: s, slot: s, label: tr(`viewTabs.${s}`) })),
  ];
  const selected = slot === 'lower' ? lowerView : slot;
  // A server chosen in the ring (its name) is inspected: on a small screen, show the inspector.
  const inspected = useLabStore(selectSelectedSid);
  const [lastInspected, setLastInspected] = useState(inspected);
  if (inspected !== lastInspected) {
    setLastInspected(inspected);
    if (small && inspected !== null) setSlot('inspector');
  }
  const shown = (s: string) => (s === slot ? selected : null);
  const choose = (id: string) => {
    if (lowerViews.includes(id)) {
      setLowerChosen(id);
      setSlot('lower');
    } else setSlot(id);
  };
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>{t.appTitle}</h1>
          <span className="tagline">{(t.appTaglines as Record<string, string>)[protocol.id] ?? t.appTagline}</span>
          <ProtocolPicker />
        </div>
        <PlaybackControls />
        <div className="topbar-end">
          <PresentButton />
          <ShareRun />
          <Suspense fallback={null}>
            <ExportMenu />
          </Suspense>
          <LessonsMenu />
          <LanguageSwitcher />
        </div>
      </header>
      <Notices />
      {small && <ViewTabs tabs={tabs} selected={selected} onSelect={choose} />}
      <main className={small ? 'workspace workspace-tabbed' : 'workspace'}>
        <div className="main-col">
          <ViewSlot slot="ring" small={small} shownTab={shown('ring')}>
            <section className="cluster-panel panel" aria-labelledby="cluster-title">
              <header className="panel-head">
                <h2 id="cluster-title">{t.clusterLabel}</h2>
                <EnsembleSummary />
              </header>
              <ClusterView />
              <PresentCaption />
              <Legend />
            </section>
          </ViewSlot>
          <ViewSlot slot="lower" small={small} shownTab={shown('lower')}>
            <LowerPanels chosen={lowerChosen} onChoose={setLowerChosen} />
          </ViewSlot>
        </div>
        <aside className="side">
          {lesson && (
            <ViewSlot slot="lesson" small={small} shownTab={shown('lesson')}>
              <LessonPanel launch={lesson} />
            </ViewSlot>
          )}
          <ViewSlot slot="inspector" small={small} shownTab={shown('inspector')}>
            <Inspector />
          </ViewSlot>
          <ViewSlot slot="log" small={small} shownTab={shown('log')}>
            <EventLog />
          </ViewSlot>
          <ViewSlot slot="console" small={small} shownTab={shown('console')}>
            <Console />
          </ViewSlot>
        </aside>
      </main>
      <Welcome />
      <PresentOverlay />
    </div>
  );
}
