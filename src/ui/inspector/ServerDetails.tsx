/**
 * The details of the selected server: its `lab status` line; acceptedEpoch, currentEpoch, last
 * logged and last committed zxid; ZAB state; on a leader its learners (with the sync mode chosen
 * for each) and its outstanding proposals with their ACK sets; and its transaction log, newest
 * last, the committed part marked and the uncommitted tail set apart.
 */
import { useLayoutEffect, useRef } from 'react';
import { selectSelectedServer, selectServer, selectServerLog, useLabStore, type ServerCard } from '../../store/index.ts';
import { t } from '../strings.ts';
import { PeerExtras } from './PeerExtras.tsx';
import { RoleChart } from './RoleChart.tsx';

function TxnLog({ card }: { card: ServerCard }) {
  const log = useLabStore(selectServerLog);
  const ref = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [log]);
  if (!log || log.sid !== card.sid) return null;
  const uncommitted = log.rows.filter((r) => !r.committed).length;
  return (
    <section className="txnlog" aria-labelledby="txnlog-title">
      <h3 id="txnlog-title">
        {t.logTitle}
        <span className="txnlog-summary">{t.logSummary(log.rows.length + log.earlier, log.lastCommitted, uncommitted, log.snapshotZxid)}</span>
      </h3>
      {log.rows.length === 0 ? (
        <p className="details-empty">{t.logEmpty}</p>
      ) : (
        <ol className="txnlog-rows" ref={ref} aria-label={t.logTitle}>
          {log.earlier > 0 && <li className="txnlog-earlier">{t.logEarlier(log.earlier)}</li>}
          {log.rows.map((r) => (
            <li
              key={r.zxid}
              className={r.committed ? 'committed' : log.lastCommitted === null ? 'unknown' : 'uncommitted'}
              data-zxid={r.zxid}
              data-committed={r.committed ? 'true' : 'false'}
              title={r.committed ? t.logCommittedTitle : log.lastCommitted === null ? t.logUnknownTitle : t.logUncommittedTitle}
            >
              <span className="txn-mark" aria-hidden="true">{r.committed ? '✓' : '…'}</span>
              <span className="txn-zxid">{r.zxid}</span>
              <span className="txn-type">{r.type}</span>
              <span className="txn-target">{r.target}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ServerDetails() {
  const card = useLabStore(selectSelectedServer);
  if (!card) {
    return (
      <section className="details panel" aria-label={t.detailsTitle}>
        <p className="details-empty">{t.detailsEmpty}</p>
      </section>
    );
  }
  return (
    <section className={`details panel role-${card.state.toLowerCase()}`} aria-labelledby="details-title" data-details-server={card.sid}>
      <header className="panel-head">
        <h2 id="details-title">
          {card.name} <span className="role-chip">{t.roleNames[card.state]}</span>
        </h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => selectServer(null)} aria-label={t.detailsClose}>
          ×
        </button>
      </header>
      <p className="details-summary">{card.summary}</p>
      <RoleChart card={card} />
      <dl className="details-grid">
        <dt>acceptedEpoch</dt>
        <dd data-field="acceptedEpoch">{card.acceptedEpoch}</dd>
        <dt>currentEpoch</dt>
        <dd data-field="currentEpoch">{card.currentEpoch}</dd>
        <dt>{t.detailsLastLogged}</dt>
        <dd data-field="lastZxid">{card.lastZxid}</dd>
        <dt>{t.detailsLastCommitted}</dt>
        <dd data-field="lastCommitted">{card.lastCommittedZxid ?? t.detailsNone}</dd>
        {card.state === 'LEADING' && (
          <>
            <dt>{t.detailsOutstanding}</dt>
            <dd data-field="outstanding">
              {card.outstanding.length === 0
                ? t.detailsNone
                : card.outstanding.map((p) => <div key={p.zxid}>{t.outstandingText(p.zxid, p.acks)}</div>)}
            </dd>
          </>
        )}
      </dl>
      <TxnLog card={card} />
      <dl className="details-grid">
        {card.up && (
          <>
            <dt>{t.detailsLeader}</dt>
            <dd>{card.leader ?? t.detailsNone}</dd>
            <dt>{t.detailsServing}</dt>
            <dd>{card.serving ? t.detailsServingYes : t.detailsServingNo}</dd>
            <dt>{t.detailsLastProcessed}</dt>
            <dd>{card.lastProcessedZxid ?? t.detailsNone}</dd>
            <dt>{t.detailsNodes}</dt>
            <dd>{card.nodeCount ?? t.detailsNone}</dd>
            <dt>{t.detailsSyncMode}</dt>
            <dd>{card.syncMode ?? t.detailsNone}</dd>
          </>
        )}
        {card.state === 'LEADING' && (
          <>
            <dt>{t.detailsLearners}</dt>
            <dd>
              {card.learners.length === 0
                ? t.detailsNone
                : card.learners.map((l) => <div key={l.name}>{t.learnerText(l.name, l.stage, l.syncMode, l.synced)}</div>)}
            </dd>
          </>
        )}
      </dl>
      <PeerExtras card={card} />
    </section>
  );
}
