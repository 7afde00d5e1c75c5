/**
 * The inspector for a process of a protocol drawn from its description (Paxos, Multi-Paxos): its
 * `lab status` line, the fields of its card, its whole state as the worker holds it (a snapshot,
 * read through the store at most a few times a second) and its disk — as readable key/value
 * rows. These protocols have no statechart of ZooKeeper's kind: the state is what there is.
 */
import {
  fetchProcessState, selectProcessCard, selectRoleColours, selectSelectedSid, selectServer, stateEntries,
  useLabStore, type ProcessCard, type ProcessState, type StateRow,
} from '../../store/index.ts';
import { t, tr } from '../strings.ts';
import { structuredText } from '../structured.ts';
import { useSnapshot } from './useSnapshot.ts';


function Rows({ rows }: { rows: StateRow[] }) {
  return (
    <dl className="state-rows">
      {rows.map((r) => (
        <div key={r.key} className={r.rows ? 'state-nested' : undefined} data-key={r.key}>
          <dt>{r.key}</dt>
          <dd>{r.rows ? r.rows.length === 0 ? tr('stateEmpty') : <Rows rows={r.rows} /> : r.text}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ProcessDetails() {
  const sid = useLabStore(selectSelectedSid);
  const card = useLabStore(selectProcessCard(sid ?? -1));
  const roles = useLabStore(selectRoleColours);
  if (!card) {
    return (
      <section className="details panel" aria-label={t.detailsTitle}>
        <p className="details-empty">{t.detailsEmpty}</p>
      </section>
    );
  }
  const role = roles.find((r) => r.id === card.role);
  const style = role ? ({ '--role': role.colour, '--role-bg': `color-mix(in srgb, ${role.colour} 9%, white)` } as React.CSSProperties) : undefined;
  return (
    <section className={`details panel process-details${card.up ? '' : ' role-down'}`} aria-labelledby="details-title" data-details-server={card.sid} style={style}>
      <header className="panel-head">
        <h2 id="details-title">
          {card.name} <span className="role-chip">{role ? tr(role.key) : t.roleNames.DOWN}</span>
        </h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => selectServer(null)} aria-label={t.detailsClose}>
          ×
        </button>
      </header>
      <p className="details-summary">{card.summary}</p>
      <dl className="details-grid">
        {card.fields.map((f) => (
          <div key={f.label} className="details-pair">
            <dt>{tr(f.label)}</dt>
            <dd data-field={f.label.replace(/^card\./, '')}>{structuredText(f.value)}</dd>
          </div>
        ))}
      </dl>
      <ProcessState card={card} />
    </section>
  );
}

function ProcessState({ card }: { card: ProcessCard }) {
  const s = useSnapshot(card, fetchProcessState);
  if (!s) return <p className="details-empty">{tr('stateLoading')}</p>;
  return (
    <>
      {s.up && s.state !== null && (
        <section className="inspector-section" aria-labelledby="state-title" data-section="state">
          <h3 id="state-title">
            {tr('stateTitle')} <span className="muted">{tr('stateHint')}</span>
          </h3>
          <Rows rows={stateEntries(s.state)} />
        </section>
      )}
      {!s.up && <p className="details-empty">{t.inspectorDown}</p>}
      <section className="inspector-section" aria-labelledby="disk-title" data-section="disk">
        <h3 id="disk-title">
          {tr('stateDisk')} <span className="muted">{tr('stateDiskHint')}</span>
        </h3>
        <Rows rows={stateEntries(s.disk)} />
      </section>
    </>
  );
}
