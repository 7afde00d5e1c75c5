/** The lab's page: controls on top, the ensemble and the znode tree on the left, details and console on the right. */
import { useShallow } from 'zustand/react/shallow';
import { selectEnsemble, useLabStore } from '../store/index.ts';
import { ClusterView } from './cluster/ClusterView.tsx';
import { Legend } from './cluster/Legend.tsx';
import { Console } from './console/Console.tsx';
import { PlaybackControls } from './controls/PlaybackControls.tsx';
import { EventLog } from './eventlog/EventLog.tsx';
import { ServerDetails } from './inspector/ServerDetails.tsx';
import { Notices } from './notices/Notices.tsx';
import { LanguageSwitcher } from './controls/LanguageSwitcher.tsx';
import { useLang } from './i18n/index.ts';
import { LessonPanel, type LessonLaunch } from './lessons/LessonPanel.tsx';
import { LessonsMenu } from './lessons/LessonsMenu.tsx';
import { ShareRun } from './controls/ShareRun.tsx';
import { t } from './strings.ts';
import { useLabKeys } from './useLabKeys.ts';
import { LowerPanels } from './timeline/LowerPanels.tsx';

function EnsembleSummary() {
  const e = useLabStore(useShallow(selectEnsemble));
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
  useLang();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>{t.appTitle}</h1>
          <span className="tagline">{t.appTagline}</span>
        </div>
        <PlaybackControls />
        <div className="topbar-end">
          <ShareRun />
          <LessonsMenu />
          <LanguageSwitcher />
        </div>
      </header>
      <Notices />
      <main className="workspace">
        <div className="main-col">
          <section className="cluster-panel panel" aria-labelledby="cluster-title">
            <header className="panel-head">
              <h2 id="cluster-title">{t.clusterLabel}</h2>
              <EnsembleSummary />
            </header>
            <ClusterView />
            <Legend />
          </section>
          <LowerPanels />
        </div>
        <aside className="side">
          {lesson && <LessonPanel launch={lesson} />}
          <ServerDetails />
          <EventLog />
          <Console />
        </aside>
      </main>
    </div>
  );
}
