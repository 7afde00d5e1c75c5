/**
 * The Paxos panel: what a learner of Paxos needs to see. First what is CHOSEN — a true majority of
 * acceptors accepted one ballot (src/protocol/paxos/grid.ts), a fact about the acceptors — apart
 * from what each learner has learned (which needs ACCEPTED messages from a majority to reach it).
 * Then each proposer in its phase: the promises it holds, the highest-numbered proposal they
 * reported and, when P2c replaced its own value, why. Then the ballot × acceptor grid: every
 * ballot seen, what each acceptor did with it, and the cells a higher promise has blocked for good.
 * Values are shown as text, never as HTML.
 */
import type { BallotCell, BallotRow } from '../../protocol/paxos/grid.ts';
import type { PaxosPanelData, ProposerInfo } from '../../protocol/paxos/panel.ts';
import { selectPanelData, useLabStore } from '../../store/index.ts';
import { useLang } from '../i18n/index.ts';
import { tr } from '../strings.ts';
import { structuredText } from '../structured.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function Chosen({ data }: { data: PaxosPanelData }) {
  const c = data.chosen;
  const differs = data.later.some((l) => l.value !== c?.value);
  return (
    <div className={`paxos-chosen${c ? ' is-chosen' : ''}${differs ? ' is-broken' : ''}`} data-chosen={c?.value ?? ''} data-ballot={c?.ballot ?? ''} role="status">
      {c ? (
        <>
          <p className="paxos-chosen-value">{tr('paxosChosen', { value: c.value })}</p>
          <p className="paxos-chosen-detail">
            {tr('paxosChosenDetail', { acceptors: c.acceptors.join(', '), count: c.acceptors.length, n: data.acceptors, ballot: c.ballot, seconds: seconds(c.t) })}
          </p>
          {data.later.map((l) => (
            <p key={`${l.ballot}|${l.value}`} className={`paxos-chosen-later${l.value !== c.value ? ' differs' : ''}`} data-later={l.value}>
              {tr('paxosAlsoChosen', { value: l.value, ballot: l.ballot, acceptors: l.acceptors.join(', '), seconds: seconds(l.t) })}
            </p>
          ))}
          {differs && <p className="paxos-broken">{tr('paxosAgreementBroken')}</p>}
        </>
      ) : (
        <p className="paxos-chosen-none">{tr('paxosNothingChosen', { quorum: data.quorum, n: data.acceptors })}</p>
      )}
      <p className="paxos-note">{tr('paxosChosenNote')}</p>
    </div>
  );
}

function Learners({ data }: { data: PaxosPanelData }) {
  return (
    <section className="paxos-learners" aria-labelledby="paxos-learners-title">
      <h3 id="paxos-learners-title">{tr('paxosLearners')}</h3>
      <ul>
        {data.learners.map((l) => (
          <li key={l.name} data-learner={l.name} data-learned={l.learned?.value ?? ''} className={l.learned ? 'learned' : ''}>
            <span className="paxos-name">{l.name}</span>{' '}
            {!l.up
              ? tr('paxosDown')
              : l.learned
                ? tr('paxosLearned', { value: l.learned.value, ballot: l.learned.ballot })
                : tr('paxosLearnedNothing')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Proposer({ p, quorum }: { p: ProposerInfo; quorum: number }) {
  const inPhase = p.phase === 'prepare' || p.phase === 'accept';
  return (
    <li data-proposer={p.name} data-phase={p.phase ?? 'down'}>
      <div className="paxos-proposer-head">
        <span className="paxos-name">{p.name}</span>
        <span className="paxos-phase">{p.up && p.phase ? tr(`paxos.proposerPhase.${p.phase}`) : tr('paxosDown')}</span>
        {p.ballot && <span className="paxos-ballot">{tr('paxosProposerPhase', { ballot: p.ballot })}</span>}
      </div>
      {inPhase && (
        <ul className="paxos-facts">
          <li data-fact="promises">
            {p.promises.length === 0
              ? tr('paxosNoPromises', { quorum })
              : tr('paxosPromisesFrom', { list: p.promises.join(', '), count: p.promises.length, quorum })}
          </li>
          {p.promises.length > 0 && (
            <li data-fact="highest">
              {p.highestAccepted
                ? tr('paxosHighest', { ballot: p.highestAccepted.ballot, value: p.highestAccepted.value, from: p.highestAccepted.from.join(', ') })
                : tr('paxosNoneReported')}
            </li>
          )}
          {p.phase === 'accept' && p.proposal !== null && (
            <li data-fact="phase2">{tr('paxosPhase2Value', { value: p.proposal, list: p.acceptedBy.length > 0 ? p.acceptedBy.join(', ') : '—' })}</li>
          )}
        </ul>
      )}
      {p.knowsChosen && <p className="paxos-knows">{tr('paxosKnowsChosen', { value: p.knowsChosen.value, ballot: p.knowsChosen.ballot })}</p>}
      {p.replaced && (
        <div className="paxos-replaced" data-replaced={p.replaced.value} data-own={p.replaced.own}>
          <strong>{tr('paxosWhyReplaced')}</strong>
          {!p.replaced.current && <span className="muted"> {tr('paxosEarlierBallot', { ballot: p.replaced.ballot })}</span>}
          <p>{structuredText(p.replaced.text)}</p>
        </div>
      )}
    </li>
  );
}

function cellState(c: BallotCell): string {
  if (c.accepted !== null) return 'accepted';
  if (c.nacked !== null) return 'nack';
  if (c.blockedBy !== null) return 'blocked';
  if (c.promised) return 'promised';
  return 'none';
}

function Cell({ c, row }: { c: BallotCell; row: BallotRow }) {
  const state = cellState(c);
  const parts: string[] = [];
  if (c.promised) parts.push(tr('paxosGridPromised'));
  if (c.accepted !== null) parts.push(tr('paxosGridAccepted', { value: c.accepted }));
  if (c.nacked !== null) parts.push(tr('paxosGridNackTitle', { packet: c.nacked, ballot: c.nackPromised ?? '' }));
  if (c.blockedBy !== null) parts.push(tr('paxosGridBlockedTitle', { ballot: c.blockedBy }));
  return (
    <td className={`cell-${state}`} data-acceptor={c.acceptor} data-ballot={row.ballot} data-state={state} title={parts.join(' · ') || tr('paxosGridNothing')}>
      {c.accepted !== null ? (
        <span className="cell-accepted-value">✓ {c.accepted}</span>
      ) : c.nacked !== null ? (
        tr('paxosGridNack', { ballot: c.nackPromised ?? '' })
      ) : c.blockedBy !== null ? (
        <>
          {c.promised && <span className="cell-promised-mark">{tr('paxosGridPromised')} · </span>}
          {tr('paxosGridBlocked', { ballot: c.blockedBy })}
        </>
      ) : c.promised ? (
        tr('paxosGridPromised')
      ) : (
        <span aria-label={tr('paxosGridNothing')}>·</span>
      )}
    </td>
  );
}

function Grid({ data }: { data: PaxosPanelData }) {
  const g = data.grid;
  return (
    <section className="paxos-grid" aria-labelledby="paxos-grid-title">
      <h3 id="paxos-grid-title">{tr('paxosGridTitle')}</h3>
      <p className="muted paxos-grid-hint">{tr('paxosGridHint')}</p>
      {g.rows.length === 0 ? (
        <p className="details-empty">{tr('paxosGridEmpty')}</p>
      ) : (
        <div className="grid-scroll" tabIndex={0}>
          <table className="ballot-grid">
            <caption className="visually-hidden">{tr('paxosGridCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('paxosGridBallot')}</th>
                {g.acceptors.map((a) => (
                  <th key={a} scope="col">
                    {a}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.ballot} data-ballot-row={r.ballot} data-chosen={r.chosen ? 'true' : 'false'} className={r.chosen ? 'row-chosen' : ''}>
                  <th scope="row">
                    <span className="grid-ballot">{r.ballot}</span> <span className="muted">{tr('paxosGridProposer', { proposer: r.proposer })}</span>
                    {r.value !== null && <div className="grid-value">{tr('paxosGridValue', { value: r.value })}</div>}
                    {r.replaced && <div className="grid-replaced">{tr('paxosGridReplaced', { value: r.value ?? '', own: r.replaced.own })}</div>}
                    {r.chosen && <div className="grid-chosen">{tr('paxosGridChosen')}</div>}
                  </th>
                  {r.cells.map((c) => (
                    <Cell key={c.acceptor} c={c} row={r} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function PaxosPanel() {
  useLang();
  const data = useLabStore(selectPanelData('paxos')) as PaxosPanelData | undefined;
  return (
    <section className="paxos-panel panel" aria-labelledby="paxos-panel-title">
      <header className="panel-head">
        <h2 id="paxos-panel-title">{tr('paxosPanelTitle')}</h2>
      </header>
      {data ? (
        // Scrolls when the panel is short: focusable, so the keyboard can scroll it too.
        <div className="paxos-body" tabIndex={0}>
          <Chosen data={data} />
          <div className="paxos-columns">
            <Learners data={data} />
            <section className="paxos-proposers" aria-labelledby="paxos-proposers-title">
              <h3 id="paxos-proposers-title">{tr('paxosProposers')}</h3>
              <ul>
                {data.proposers.map((p) => (
                  <Proposer key={p.name} p={p} quorum={data.quorum} />
                ))}
              </ul>
            </section>
          </div>
          <Grid data={data} />
        </div>
      ) : (
        <p className="details-empty">{tr('stateLoading')}</p>
      )}
    </section>
  );
}
