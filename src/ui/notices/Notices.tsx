/** Small dismissible notices (e.g. URL settings that were ignored). */
import { dismissNotice, selectNotices, useLabStore, type NoticeKind } from '../../store/index.ts';
import { t } from '../strings.ts';

const HEADINGS: Record<NoticeKind, string> = {
  config: t.noticeConfig,
  error: t.noticeError,
  info: t.noticeInfo,
};

export function Notices() {
  const notices = useLabStore(selectNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role="status">
          <div className="notice-body">
            <strong>{HEADINGS[n.kind]}</strong>
            <ul>
              {n.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
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
