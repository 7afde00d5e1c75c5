/**
 * The Multi-Paxos slot grid: slot × replica — the ballot and value each replica's acceptor accepted
 * in each slot, ✓ where it knows the slot chosen and ▶ where it has executed it — under each
 * replica's watermarks (accepted up to, chosen up to, executed). No-op slots (holes a new leader
 * filled) are marked; a slot a leader saw chosen out of order is highlighted, with why Multi-Paxos
 * allows it and ZAB's primary order never does (and the lesson that compares them).
 */
import type { SlotCell, SlotGridData } from '../../protocol/multipaxos/grid.ts';
import { selectPanelData, selectRoleColours, useLabStore } from '../../store/index.ts';
import { useLang } from '../i18n/index.ts';
import { t, tr } from '../strings.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The lesson that sets ZAB and Paxos side by side, in the page's language. */
function lessonHref(): string {
  const q = new URLSearchParams({ lesson: 'zab-vs-paxos' });
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang) q.set('lang', lang);
  return `?${q.toString()}`;
}

function Cell({ c, slot, replica }: { c: SlotCell; slot: number; replica: string }) {
  const state = c.executed ? 'executed' : c.chosen ? 'chosen' : c.accepted ? 'accepted' : 'empty';
  const title = [
    c.accepted ? `${c.accepted.ballot}: ${c.accepted.value}` : '',
    c.chosen ? tr('slotsChosenMark') : '',
    c.executed ? tr('slotsExecutedMark') : '',
    c.inFlight ? tr('slotsInFlight') : '',
  ].filter((x) => x !== '').join(' · ');
  return (
    <td className={`slot-cell slot-${state}${c.inFlight ? ' in-flight' : ''}`} data-replica={replica} data-slot={slot} data-state={state} title={title || undefined}>
      {c.accepted ? (
        <>
          <span className="slot-ballot">{c.accepted.ballot}</span> <span className={c.accepted.noop ? 'slot-noop' : 'slot-value'}>{c.accepted.noop ? tr('slotsNoop') : c.accepted.value}</span>
        </>
      ) : c.chosen ? null : (
        <span className="muted">·</span>
      )}
      {(c.chosen || c.executed) && (
        <span className="slot-marks" aria-label={[c.chosen ? tr('slotsChosenMark') : '', c.executed ? tr('slotsExecutedMark') : ''].filter(Boolean).join(', ')}>
          {c.chosen ? ' ✓' : ''}
          {c.executed ? '▶' : ''}
        </span>
      )}
    </td>
  );
}

export function SlotGrid() {
  useLang();
  const data = useLabStore(selectPanelData('multipaxos')) as SlotGridData | undefined;
  const roles = useLabStore(selectRoleColours);
  const colour = (role: string) => roles.find((r) => r.id === role)?.colour;
  const ooo = data?.lastOutOfOrder ?? null;
  return (
    <section className="slots-panel panel" aria-labelledby="slots-title">
      <header className="panel-head">
        <h2 id="slots-title">{tr('slotsTitle')}</h2>
        <span className="panel-hint">{tr('slotsHint')}</span>
      </header>
      {ooo && (
        <div className="slots-ooo" role="note" data-out-of-order={ooo.slot} data-waiting-for={ooo.waitingFor}>
          <p>
            <strong>{tr('slotsOutOfOrder', { slot: ooo.slot, node: ooo.node, seconds: seconds(ooo.t), waitingFor: ooo.waitingFor })}</strong>
          </p>
          <p>{tr('slotsOutOfOrderWhy')}</p>
          <a href={lessonHref()}>{tr('slotsLesson')}</a>
        </div>
      )}
      {!data ? (
        <p className="details-empty">{tr('stateLoading')}</p>
      ) : (
        <div className="grid-scroll" tabIndex={0}>
          <table className="slot-grid">
            <caption className="visually-hidden">{tr('slotsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('slotsSlot')}</th>
                <th scope="col">{tr('slotsChosenValue')}</th>
                {data.replicas.map((r) => (
                  <th key={r.name} scope="col" data-replica={r.name} style={{ borderTopColor: colour(r.role) }}>
                    {r.name}{' '}
                    <span className="slot-role">{r.up ? tr(`multipaxos.role.${r.role}`) : tr('replicaDown')}</span>
                  </th>
                ))}
              </tr>
              <tr className="slot-watermarks">
                <th scope="row" colSpan={2}>
                  {tr('slotsWatermarks')}
                </th>
                {data.replicas.map((r) => (
                  <td key={r.name} data-watermarks={r.name} data-accepted={r.accepted} data-chosen={r.chosenUpTo} data-executed={r.executed}>
                    <div>
                      {tr('slotsAccepted')} <b>{r.accepted}</b>
                    </div>
                    <div>
                      {tr('slotsChosenUpTo')} <b>{r.chosenUpTo}</b>
                      {r.highestChosen > r.chosenUpTo && <span className="slot-ahead"> ({tr('slotsHighestChosen', { slot: r.highestChosen })})</span>}
                    </div>
                    <div>
                      {tr('slotsExecuted')} <b>{r.executed}</b>
                    </div>
                  </td>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.earlier > 0 && (
                <tr>
                  <td colSpan={data.replicas.length + 2} className="muted">
                    {tr('slotsEarlier', { n: data.earlier })}
                  </td>
                </tr>
              )}
              {data.rows.map((row) => (
                <tr
                  key={row.slot}
                  data-slot-row={row.slot}
                  data-chosen={row.chosen ?? ''}
                  data-noop={row.noop ? 'true' : 'false'}
                  data-out-of-order={row.outOfOrder ? 'true' : undefined}
                  className={`${row.outOfOrder ? 'row-ooo' : ''}${row.noop ? ' row-noop' : ''}`}
                >
                  <th scope="row">
                    {row.slot}
                    {row.outOfOrder && <div className="slot-ooo-note">{tr('slotsOutOfOrderRow', { waitingFor: row.outOfOrder.waitingFor })}</div>}
                  </th>
                  <td className="slot-chosen" title={row.noop ? tr('slotsNoopTitle') : undefined}>
                    {row.chosen === null ? <span className="muted">—</span> : row.noop ? <span className="slot-noop">{tr('slotsNoop')}</span> : row.chosen}
                  </td>
                  {row.cells.map((c, i) => (
                    <Cell key={data.replicas[i]!.name} c={c} slot={row.slot} replica={data.replicas[i]!.name} />
                  ))}
                </tr>
              ))}
              {data.rows.length === 0 && (
                <tr>
                  <td colSpan={data.replicas.length + 2} className="details-empty">
                    {tr('slotsEmpty')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <p className="visually-hidden">{t.legendRoles}</p>
    </section>
  );
}
