/**
 * The invariants panel (issue 7): every safety check green or red, live. A red one opens to where
 * it first broke — the moment (a button seeks there), the servers involved and one sentence of why.
 * The check's description is INVARIANTS' line in the page's language; the checker's sentence of why
 * is English (like the console: it quotes zxids, servers and paths). Data attributes (`data-check`, `data-ok`, `data-t`) are the tests' contract.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { refreshInvariants, seekTo, selectProcessNames, useInvariantsStore, useLabStore, type InvariantRow } from '../../store/index.ts';
import { i18n } from '../i18n/index.ts';
import { t } from '../strings.ts';

function CheckRow({ row, description }: { row: InvariantRow; description: { en: string; zh: string } | undefined }) {
  const names = useLabStore(selectProcessNames);
  const [open, setOpen] = useState(true);
  const v = row.first;
  const live = row.name !== 'Liveness';
  return (
    <li className="inv-row" data-check={row.name} data-ok={String(row.ok)} data-count={row.count} data-live={String(live)}>
      <div className="inv-line">
        <span className={`inv-dot ${row.ok ? 'inv-ok' : 'inv-bad'}`} aria-hidden="true" />
        {row.ok ? (
          <span className="inv-name">{row.name}</span>
        ) : (
          <button type="button" className="inv-name inv-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {row.name}
          </button>
        )}
        <span className="inv-state">{row.ok ? t.invariantOk : t.invariantBroken}</span>
        {row.count > 0 && <span className="inv-count">{t.invariantCount(row.count)}</span>}
        <span className="inv-desc" title={live ? undefined : t.invariantLivenessNote}>
          {i18n.language === 'zh-CN' ? description?.zh : description?.en}
          {!live && ` (${t.invariantLivenessNote})`}
        </span>
      </div>
      {v && open && (
        <div className="inv-violation" data-t={v.t} data-event={v.traceIndex + 1} data-servers={v.servers.join(',')}>
          <span className="inv-where">{t.invariantBrokeAt(v.t, v.traceIndex + 1)}</span>
          {v.servers.length > 0 && <span className="inv-servers"> — {t.invariantServers(v.servers.map((sid) => names[sid] ?? `zk${sid}`))}</span>}
          <span className="inv-why"> — {v.message}</span>
          <button type="button" className="inv-seek" title={t.invariantSeekTitle} onClick={() => void seekTo(v.t)}>
            {t.invariantSeek}
          </button>
        </div>
      )}
    </li>
  );
}

export function InvariantsPanel() {
  const rows = useInvariantsStore((s) => s.rows);
  // The lab's protocol's invariants, each with its line in English and 简体中文.
  const infos = useLabStore((s) => s.protocol.invariants);
  const exact = useLabStore((s) => s.protocol.exactInvariants);
  // Opening the panel checks now rather than at the next sample (they are throttled to one a second).
  useEffect(() => {
    void refreshInvariants();
  }, []);
  const checked = useInvariantsStore(useShallow((s) => ({ ms: s.checkedMs, events: s.checkedEvents })));
  const red = rows.filter((r) => !r.ok).length;
  // Red checks first (in INVARIANTS order), so a broken one is in view without scrolling.
  const shown = red === 0 ? rows : [...rows.filter((r) => !r.ok), ...rows.filter((r) => r.ok)];
  return (
    <section className="invariants-panel panel" aria-labelledby="invariants-title" data-red={red} data-checked-ms={checked.ms} data-checked-events={checked.events}>
      <header className="panel-head">
        <h2 id="invariants-title">{t.invariantsTitle}</h2>
        <span className={`panel-hint inv-summary ${red > 0 ? 'inv-summary-bad' : ''}`}>{t.invariantsSummary(red, rows.length)}</span>
        <span className="panel-hint inv-checked">{t.invariantsChecked(checked.ms)}</span>
      </header>
      <p className="inv-help">{exact ? t.invariantsHelpExact : t.invariantsHelp}</p>
      <ul className="inv-list">
        {shown.map((r) => (
          <CheckRow key={r.name} row={r} description={infos.find((i) => i.name === r.name)} />
        ))}
      </ul>
    </section>
  );
}

/** How many checks are red (for the tab's badge). */
export function useRedInvariants(): number {
  return useInvariantsStore((s) => s.rows.reduce((n, r) => n + (r.ok ? 0 : 1), 0));
}
