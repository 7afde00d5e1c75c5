/** Small dismissible notices (e.g. URL settings that were ignored). */
import { dismissNotice, selectNotices, useLabStore, type NoticeKind } from '../../store/index.ts';
import { useLang } from '../i18n/index.ts';
import { t, tr } from '../strings.ts';

/** Read at render time, so a language switch re-labels the notices. */
function heading(kind: NoticeKind): string {
  return kind === 'config' ? t.noticeConfig : kind === 'error' ? t.noticeError : t.noticeInfo;
}

export function Notices() {
  const notices = useLabStore(selectNotices);
  useLang();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role="status">
          <div className="notice-body">
            <strong>{heading(n.kind)}</strong>
            <ul>
              {n.texts
                ? n.texts.map((s, i) => <li key={i}>{tr(s.key, s.values)}</li>)
                : n.lines.map((l, i) => <li key={i}>{l}</li>)}
            </ul>
          </div>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => dismissNotice(n.id)} aria-label={t.dismissNotice}>
            {t.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}
