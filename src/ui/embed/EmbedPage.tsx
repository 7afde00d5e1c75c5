/**
 * Embed mode (`?embed&views=…`, ./embedParams.ts): the chosen views of the lab for an iframe in a
 * course page or a slide deck — no page header, sized to the frame — and the postMessage API
 * (./embedApi.ts) for the page around it. The views are the lab's own components.
 */
import { useEffect, type ReactNode } from 'react';
import { addNotice, selectPaused, selectProtocol, useLabStore } from '../../store/index.ts';
import { ClusterView } from '../cluster/ClusterView.tsx';
import { Legend } from '../cluster/Legend.tsx';
import { Console } from '../console/Console.tsx';
import { PlayStepButtons } from '../controls/PlaybackControls.tsx';
import { SimClock } from '../controls/SimClock.tsx';
import { EventLog } from '../eventlog/EventLog.tsx';
import { useLang } from '../i18n/index.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { InvariantsPanel } from '../invariants/InvariantsPanel.tsx';
import { LessonPanel, type LessonLaunch } from '../lessons/LessonPanel.tsx';
import { Notices } from '../notices/Notices.tsx';
import { t, tr } from '../strings.ts';
import { LowerPanels } from '../timeline/LowerPanels.tsx';
import { SpaceTime } from '../timeline/SpaceTime.tsx';
import { useLabKeys } from '../useLabKeys.ts';
import { ZnodeTree } from '../znodes/ZnodeTree.tsx';
import { startEmbedApi } from './embedBridge.ts';
import './embed.css';
import { EMBED_VIEWS, type EmbedSettings, type EmbedView } from './embedParams.ts';

/** The page this embed shows, without `embed` and `views`: "Open in the lab". */
function fullLabHref(): string {
  const params = new URLSearchParams(location.search);
  params.delete('embed');
  params.delete('views');
  const search = params.toString();
  return `${location.pathname}${search === '' ? '' : `?${search}`}`;
}

function EmbedControls() {
  const paused = useLabStore(selectPaused);
  return (
    <div className="controls embed-controls" role="group" aria-label={t.playbackGroup}>
      <PlayStepButtons paused={paused} />
      <SimClock paused={paused} />
      <a className="embed-open" href={fullLabHref()} target="_blank" rel="noopener">
        {t.embedOpenLab}
      </a>
    </div>
  );
}

function Panel({ view, title, children }: { view: EmbedView; title?: string; children: ReactNode }) {
  return (
    <section className={`panel embed-view embed-${view}`} data-embed-view={view} aria-label={title}>
      {children}
    </section>
  );
}

export function EmbedPage({ settings, lesson = null }: { settings: EmbedSettings; lesson?: LessonLaunch | null }) {
  useLabKeys();
  useLang();
  const protocol = useLabStore(selectProtocol);
  useEffect(() => startEmbedApi(settings.views), [settings.views]);
  useEffect(() => {
    if (settings.unknown.length === 0) return;
    addNotice('config', [tr('embedUnknownViews', { bad: settings.unknown.join(', ').slice(0, 80), views: EMBED_VIEWS.join(', ') })]);
  }, [settings.unknown]);
  useEffect(() => {
    document.title = protocol.hasZkCli || protocol.title === '' ? t.appTitle : `${protocol.title} — ${t.appTitle}`;
  }, [protocol]);

  const content = (v: EmbedView): ReactNode => {
    switch (v) {
      case 'controls':
        return null;
      case 'ring':
        return (
          <Panel view={v} title={t.clusterLabel}>
            <ClusterView />
            <Legend />
          </Panel>
        );
      case 'spacetime':
        return (
          <Panel view={v} title={t.tabTimeline}>
            <SpaceTime />
          </Panel>
        );
      case 'tree':
        return protocol.hasZkCli ? (
          <Panel view={v} title={t.tabZnodes}>
            <ZnodeTree />
          </Panel>
        ) : null;
      case 'panels':
        return <LowerPanels key={v} />;
      case 'invariants':
        return (
          <Panel view={v} title={t.tabInvariants}>
            <InvariantsPanel />
          </Panel>
        );
      case 'lesson':
        return lesson ? <LessonPanel key={v} launch={lesson} /> : null;
      case 'inspector':
        return <Inspector key={v} />;
      case 'events':
        return <EventLog key={v} />;
      case 'console':
        return <Console key={v} />;
    }
  };
  const shown = settings.views.map((v) => [v, content(v)] as const).filter(([, c]) => c !== null);
  // The first view (the ring, if chosen) takes the left; the others share a column beside it.
  const [main, ...side] = shown;
  return (
    <div className="embed" data-embed={settings.views.join(',')}>
      {settings.views.includes('controls') && <EmbedControls />}
      <Notices />
      <main className={`embed-views${side.length > 0 ? ' embed-with-side' : ''}`} style={{ gridTemplateRows: `repeat(${Math.max(1, side.length)}, minmax(0, 1fr))` }}>
        {main && <div className="embed-main">{main[1]}</div>}
        {side.map(([v, c]) => (
          <div key={v} className="embed-side">
            {c}
          </div>
        ))}
      </main>
    </div>
  );
}
