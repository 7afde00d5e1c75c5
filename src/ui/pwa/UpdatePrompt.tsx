/** "Update available — reload": shown when a new version of the lab is installed and waiting. */
import { useLang } from '../i18n/index.ts';
import { t } from '../strings.ts';
import { dismissUpdate, usePendingUpdate } from './updateState.ts';
import './pwa.css';

export function UpdatePrompt() {
  useLang();
  const pending = usePendingUpdate();
  if (!pending) return null;
  return (
    <div className="pwa-update" role="alert" aria-labelledby="pwa-update-title" aria-describedby="pwa-update-hint">
      <div className="pwa-update-text">
        <strong id="pwa-update-title">{t.pwaUpdate}</strong>
        <span id="pwa-update-hint">{t.pwaUpdateHint}</span>
      </div>
      <button type="button" className="btn btn-primary btn-small" onClick={pending.reload}>
        {t.pwaReload}
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={dismissUpdate}>
        {t.pwaLater}
      </button>
    </div>
  );
}
