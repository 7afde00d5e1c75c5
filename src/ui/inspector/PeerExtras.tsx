/**
 * The parts of the inspector read from a full snapshot of the server: FastLeaderElection's
 * variables, its client sessions and watches, and how it differs from the leader. Fetched
 * through the store (the operation queue) when the server's card changes, at most a few times a
 * second of wall time.
 */
import { fetchPeerDetails, type ServerCard, type VoteRow } from '../../store/index.ts';
import { t } from '../strings.ts';
import { useSnapshot } from './useSnapshot.ts';

function voteText(v: VoteRow): string {
  return t.fleVoteText(v.leader, v.zxid, v.peerEpoch, v.round);
}


export function PeerExtras({ card }: { card: ServerCard }) {
  const d = useSnapshot(card, fetchPeerDetails);
  if (!card.up) return <p className="details-empty">{t.inspectorDown}</p>;
  if (!d) return <p className="details-empty">{t.inspectorLoading}</p>;
  const fle = d.fle;
  return (
    <>
      {fle && (
        <section className="inspector-section" aria-labelledby="fle-title" data-section="fle">
          <h3 id="fle-title">{t.fleTitle}</h3>
          <dl className="details-grid">
            <dt>{t.fleLogicalclock}</dt>
            <dd data-field="logicalclock">{fle.logicalclock}</dd>
            <dt>{t.fleVote}</dt>
            <dd data-field="currentVote">{voteText(fle.currentVote)}</dd>
            {fle.proposal && (
              <>
                <dt>{t.fleProposal}</dt>
                <dd data-field="proposal">{voteText(fle.proposal)}</dd>
              </>
            )}
            <dt>{t.fleRecvset}</dt>
            <dd data-field="recvset">
              {fle.recvset.length === 0 ? t.fleEmpty : fle.recvset.map((r) => <div key={r.from}>{`${r.from}: ${voteText(r.vote)}`}</div>)}
            </dd>
            <dt>{t.fleOutofelection}</dt>
            <dd data-field="outofelection">
              {fle.outofelection.length === 0
                ? t.fleEmpty
                : fle.outofelection.map((r) => <div key={r.from}>{`${r.from}: ${voteText(r.vote)} (${r.vote.state})`}</div>)}
            </dd>
          </dl>
        </section>
      )}
      <section className="inspector-section" aria-labelledby="sessions-title" data-section="sessions">
        <h3 id="sessions-title">{t.sessionsTitle}</h3>
        {d.sessions.length === 0 ? (
          <p className="muted">{t.sessionsNone}</p>
        ) : (
          <ul>
            {d.sessions.map((s) => (
              <li key={s.conn} data-session={s.session ?? ''}>
                {t.sessionText(s.conn, s.session ?? '—', s.timeOutMs)} · {t.watchesText(s.dataWatches.length, s.childWatches.length)}
                {s.dataWatches.length + s.childWatches.length > 0 && (
                  <div className="muted">
                    {t.watchPaths}: {[...s.dataWatches.map((p) => `${p} (data)`), ...s.childWatches.map((p) => `${p} (child)`)].join(', ')}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="inspector-section" aria-labelledby="diff-title" data-section="diff">
        <h3 id="diff-title">{d.diff.leader && !d.diff.isLeader ? t.diffTitle(d.diff.leader) : t.diffTitle('—')}</h3>
        {d.diff.isLeader ? (
          <p className="muted">{t.diffIsLeader}</p>
        ) : d.diff.leader === null ? (
          <p className="muted">{t.diffNoLeader}</p>
        ) : d.diff.fields.length === 0 && (!d.diff.znodes || d.diff.znodes.missing.length + d.diff.znodes.extra.length + d.diff.znodes.changed.length === 0) ? (
          <p className="muted" data-diff="same">{t.diffSame}</p>
        ) : (
          <ul data-diff="different">
            {d.diff.fields.map(([f, mine, theirs]) => (
              <li key={f}>{t.diffField(f, mine, theirs)}</li>
            ))}
            {d.diff.znodes && (
              <li title={[...d.diff.znodes.missing.map((p) => `- ${p}`), ...d.diff.znodes.extra.map((p) => `+ ${p}`), ...d.diff.znodes.changed.map((p) => `~ ${p}`)].join('\n')}>
                {t.diffZnodes(d.diff.znodes.missing.length, d.diff.znodes.extra.length, d.diff.znodes.changed.length)}
              </li>
            )}
          </ul>
        )}
      </section>
    </>
  );
}
