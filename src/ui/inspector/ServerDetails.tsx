/**
 * A small details panel for the selected server (the full inspector of issue 5 grows from here):
 * its `lab status` line, ZAB state, and — on a leader — its learners and outstanding proposals.
 */
import { selectSelectedServer, selectServer, useLabStore } from '../../store/index.ts';
import { t } from '../strings.ts';

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
    <section className={`details panel role-${card.state.toLowerCase()}`} aria-labelledby="details-title">
      <header className="panel-head">
        <h2 id="details-title">
          {card.name} <span className="role-chip">{t.roleNames[card.state]}</span>
        </h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => selectServer(null)} aria-label={t.detailsClose}>
          ×
        </button>
      </header>
      <p className="details-summary">{card.summary}</p>
      {card.up && (
        <dl className="details-grid">
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
          {card.state === 'LEADING' && (
            <>
              <dt>{t.detailsLearners}</dt>
              <dd>
                {card.learners.length === 0
                  ? t.detailsNone
                  : card.learners.map((l) => <div key={l.name}>{t.learnerText(l.name, l.stage, l.syncMode, l.synced)}</div>)}
              </dd>
              <dt>{t.detailsOutstanding}</dt>
              <dd>
                {card.outstanding.length === 0
                  ? t.detailsNone
                  : card.outstanding.map((p) => <div key={p.zxid}>{t.outstandingText(p.zxid, p.acks)}</div>)}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
