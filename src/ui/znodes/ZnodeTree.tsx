/**
 * The znode tree of a chosen server (by default the active console tab's server), drawn with
 * d3-hierarchy (./layout.ts) and updated live from snapshots the store fetches when that server's
 * tree can have changed. Nodes that differ from the leader's tree are marked (missing here, extra
 * here, another mZxid), as are ephemerals (with their owner session), sequentials, containers,
 * TTL nodes and watched nodes. Clicking a node shows its data (as text), its Stat as `stat`
 * prints it and its ACL as `getAcl` prints it. Every node carries `data-path`.
 */
import { memo, useEffect, useMemo } from 'react';
import {
  chooseZnodeServer, selectSelectedZnode, selectServerIds, selectZnodeChoice, selectZnodeSid, selectZnodeStatus, selectZnodeToggles,
  selectZnodeTree, selectZnode, setZnodeViewShown, toggleZnode, useLabStore, type ZnodeInfo, type ZnodeTreeModel,
} from '../../store/index.ts';
import { t } from '../strings.ts';
import { layoutTree, type LayoutItem } from './layout.ts';
import { ZnodeDetailsPanel } from './ZnodeDetailsPanel.tsx';
import { useLang } from '../i18n/index.ts';

const ROW = 22;

function badgesOf(n: ZnodeInfo): Array<{ key: string; text: string; title: string }> {
  const b: Array<{ key: string; text: string; title: string }> = [];
  if (n.kind === 'ephemeral') b.push({ key: 'e', text: t.znodeBadgeEphemeral, title: t.znodeEphemeralTitle(n.owner ?? '') });
  if (n.kind === 'container') b.push({ key: 'c', text: t.znodeBadgeContainer, title: t.znodeContainerTitle });
  if (n.kind === 'ttl') b.push({ key: 't', text: t.znodeBadgeTtl, title: t.znodeTtlTitle(n.ttlMs) });
  if (n.sequential) b.push({ key: 's', text: t.znodeBadgeSequential, title: t.znodeSequentialTitle });
  if (n.watches) b.push({ key: 'w', text: t.znodeBadgeWatched, title: t.znodeWatchedTitle(n.watches.data, n.watches.child, n.watches.modes) });
  return b;
}

function classOf(n: ZnodeInfo, selected: boolean): string {
  const c = ['znode', `kind-${n.kind}`];
  if (n.diff) c.push(`diff-${n.diff}`);
  if (n.watches) c.push('watched');
  if (selected) c.push('selected');
  return c.join(' ');
}

const TreeItem = memo(function TreeItem({ item, info, selected }: { item: LayoutItem; info: ZnodeInfo | undefined; selected: boolean }) {
  useLang(); // re-render on a language change despite memo
  if (item.kind === 'more') {
    return (
      <g className="znode-more" transform={`translate(${item.x},${item.y})`}>
        <text
          className="znode-more-label"
          x={4}
          dy="0.35em"
          role="button"
          tabIndex={0}
          onClick={() => toggleZnode(`more:${item.parent}`, true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              toggleZnode(`more:${item.parent}`, true);
            }
          }}
        >
          {t.znodeMore(item.count)}
        </text>
      </g>
    );
  }
  if (!info) return null;
  const badges = badgesOf(info);
  const labelWidth = item.name.length * 7.2;
  const diffTitle = info.diff ? ` · ${t.znodeDiffTitle[info.diff]}` : '';
  return (
    <g
      className={classOf(info, selected)}
      data-path={item.path}
      data-kind={info.kind}
      data-diff={info.diff ?? undefined}
      data-watched={info.watches ? 'true' : undefined}
      transform={`translate(${item.x},${item.y})`}
    >
      <title>{`${item.path} · mZxid ${info.mzxid}${diffTitle}`}</title>
      {item.hasChildren ? (
        <g
          className="znode-toggle"
          role="button"
          tabIndex={0}
          aria-label={item.collapsed ? t.znodeExpand(item.path) : t.znodeCollapse(item.path)}
          aria-expanded={!item.collapsed}
          onClick={() => toggleZnode(item.path, !item.collapsed)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              toggleZnode(item.path, !item.collapsed);
            }
          }}
        >
          <circle r={6} className={item.collapsed ? 'collapsed' : ''} />
          <text dy="0.35em" textAnchor="middle">{item.collapsed ? '+' : '−'}</text>
        </g>
      ) : (
        <circle r={4} className="znode-dot" />
      )}
      <g
        className="znode-label"
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={t.znodeSelect(item.path)}
        onClick={() => selectZnode(selected ? null : item.path)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            selectZnode(selected ? null : item.path);
          }
        }}
      >
        <rect x={9} y={-ROW / 2 + 2} width={labelWidth + 8} height={ROW - 4} rx={4} />
        <text x={13} dy="0.35em">
          {item.name}
        </text>
      </g>
      {badges.map((b, i) => (
        <g key={b.key} className={`znode-badge badge-${b.key}`} transform={`translate(${labelWidth + 22 + i * 17},0)`}>
          <title>{b.title}</title>
          <rect x={-1} y={-7} width={14} height={14} rx={3} />
          <text x={6} dy="0.35em" textAnchor="middle">
            {b.text}
          </text>
        </g>
      ))}
      {item.collapsed && item.hidden > 0 && (
        <text className="znode-hidden" x={labelWidth + 22 + badges.length * 17} dy="0.35em">
          {t.znodeHidden(item.hidden)}
        </text>
      )}
    </g>
  );
});

function TreeSvg({ model }: { model: ZnodeTreeModel }) {
  const toggles = useLabStore(selectZnodeToggles);
  const selected = useLabStore(selectSelectedZnode);
  const layout = useMemo(
    () =>
      layoutTree(model.nodes, {
        toggles,
        rowHeight: ROW,
        extraWidth: (path) => {
          const n = model.nodes[path];
          return n ? badgesOf(n).length * 17 : 0;
        },
      }),
    [model, toggles],
  );
  return (
    <svg className="znode-svg" width={Math.max(layout.width + 120, 200)} height={layout.height} role="group" aria-label={t.znodeTreeLabel}>
      <g className="znode-links" aria-hidden="true">
        {layout.links.map((l) => (
          <path key={l.key} d={l.d} className={model.nodes[l.key]?.diff === 'missing' ? 'missing' : undefined} />
        ))}
      </g>
      {layout.items.map((item) => (
        <TreeItem
          key={item.kind === 'node' ? item.path : `more:${item.parent}`}
          item={item}
          info={item.kind === 'node' ? model.nodes[item.path] : undefined}
          selected={item.kind === 'node' && item.path === selected}
        />
      ))}
    </svg>
  );
}

function ServerPicker() {
  const ids = useLabStore(selectServerIds);
  const choice = useLabStore(selectZnodeChoice);
  const shown = useLabStore(selectZnodeSid);
  return (
    <label className="znode-picker">
      <span>{t.znodeServer}</span>
      <select
        aria-label={t.znodeServerLabel}
        value={choice === null ? 'console' : String(choice)}
        onChange={(e) => chooseZnodeServer(e.currentTarget.value === 'console' ? null : Number(e.currentTarget.value))}
      >
        <option value="console">{t.znodeFollowConsole(`zk${shown}`)}</option>
        {ids.map((sid) => (
          <option key={sid} value={sid}>
            zk{sid}
          </option>
        ))}
      </select>
    </label>
  );
}

function TreeLegend() {
  return (
    <div className="znode-legend" aria-label={t.znodeLegendLabel}>
      <span><i className="lg lg-badge">{t.znodeBadgeEphemeral}</i>{t.znodeLegendEphemeral}</span>
      <span><i className="lg lg-badge">{t.znodeBadgeSequential}</i>{t.znodeLegendSequential}</span>
      <span><i className="lg lg-badge">{t.znodeBadgeContainer}</i>{t.znodeLegendContainer}</span>
      <span><i className="lg lg-badge">{t.znodeBadgeTtl}</i>{t.znodeLegendTtl}</span>
      <span><i className="lg lg-badge lg-watched">{t.znodeBadgeWatched}</i>{t.znodeLegendWatched}</span>
      <span><i className="lg lg-missing" />{t.znodeLegendMissing}</span>
      <span><i className="lg lg-extra" />{t.znodeLegendExtra}</span>
      <span><i className="lg lg-changed" />{t.znodeLegendChanged}</span>
    </div>
  );
}

export function ZnodeTree() {
  const model = useLabStore(selectZnodeTree);
  const status = useLabStore(selectZnodeStatus);
  const sid = useLabStore(selectZnodeSid);
  const selected = useLabStore(selectSelectedZnode);
  const diffs = useMemo(() => (model ? Object.values(model.nodes).filter((n) => n.diff !== null).length : 0), [model]);
  // The store fetches the trees this view draws only while it is on screen.
  useEffect(() => {
    setZnodeViewShown(true);
    return () => setZnodeViewShown(false);
  }, []);
  return (
    <section className="znode-panel panel" aria-labelledby="znodes-title" data-znode-server={sid} data-status={status}>
      <header className="panel-head">
        <h2 id="znodes-title">{t.znodeTitle}</h2>
        <ServerPicker />
        <span className="panel-hint znode-summary">
          {status === 'ready' && model
            ? t.znodeSummary(`zk${model.sid}`, model.size, model.lastProcessedZxid, model.comparedWith === null ? null : `zk${model.comparedWith}`, diffs)
            : t.znodeStatus[status](`zk${sid}`)}
        </span>
      </header>
      <div className="znode-body">
        <div className="znode-scroll">{status === 'ready' && model ? <TreeSvg model={model} /> : <p className="znode-empty">{t.znodeStatus[status](`zk${sid}`)}</p>}</div>
        {selected !== null && <ZnodeDetailsPanel />}
      </div>
      <TreeLegend />
    </section>
  );
}
