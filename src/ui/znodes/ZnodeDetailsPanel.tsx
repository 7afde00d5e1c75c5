/**
 * The selected znode: its data as text (never HTML: React renders text nodes), its Stat exactly as
 * zkCli's `stat` prints it and its ACL as `getAcl` prints it — read from the shown server's tree.
 */
import { selectSelectedZnode, selectZnode, selectZnodeDetails, selectZnodeTree, useLabStore } from '../../store/index.ts';
import { t } from '../strings.ts';

export function ZnodeDetailsPanel() {
  const path = useLabStore(selectSelectedZnode);
  const details = useLabStore(selectZnodeDetails);
  const model = useLabStore(selectZnodeTree);
  if (path === null) return null;
  const info = model?.nodes[path];
  return (
    <aside className="znode-details" aria-labelledby="znode-details-title" data-selected-path={path}>
      <header className="znode-details-head">
        <h3 id="znode-details-title" title={path}>
          {path}
        </h3>
        <button type="button" className="btn btn-small btn-ghost" aria-label={t.znodeDetailsClose} onClick={() => selectZnode(null)}>
          ×
        </button>
      </header>
      {!details ? (
        <p className="znode-empty">{t.znodeGone(path)}</p>
      ) : (
        <>
          <p className="znode-where">
            {details.exists ? t.znodeOnServer(`zk${details.sid}`) : t.znodeOnlyOnLeader(`zk${details.sid}`)}
            {info?.diff === 'changed' && ` · ${t.znodeDiffTitle.changed}`}
            {info?.diff === 'extra' && ` · ${t.znodeDiffTitle.extra}`}
          </p>
          {info && info.kind !== 'persistent' && (
            <p className="znode-where">
              {info.kind === 'ephemeral' ? t.znodeEphemeralTitle(info.owner ?? '') : info.kind === 'container' ? t.znodeContainerTitle : t.znodeTtlTitle(info.ttlMs)}
            </p>
          )}
          {info?.watches && <p className="znode-where">{t.znodeWatchedTitle(info.watches.data, info.watches.child, info.watches.modes)}</p>}
          <h4>{t.znodeData}</h4>
          <pre className="znode-data" data-field="data">{details.data}</pre>
          <h4>{t.znodeStat}</h4>
          <pre className="znode-stat" data-field="stat">{details.stat.join('\n')}</pre>
          <h4>{t.znodeAcl}</h4>
          <pre className="znode-acl" data-field="acl">{details.acl.join('\n')}</pre>
        </>
      )}
    </aside>
  );
}
