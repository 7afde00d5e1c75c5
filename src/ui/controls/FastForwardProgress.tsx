/**
 * "Fast-forwarding" with a progress bar, while the lab runs ahead for more than half a second
 * (src/store/fastForward.ts): nothing is drawn meanwhile, so the page says why it stands still.
 */
import { useFastForwardStore } from '../../store/index.ts';
import { t } from '../strings.ts';

export function FastForwardProgress() {
  const visible = useFastForwardStore((s) => s.visible);
  const fraction = useFastForwardStore((s) => s.fraction);
  if (!visible) return null;
  const percent = Math.round(fraction * 100);
  return (
    <div
      role="progressbar"
      aria-label={t.fastForwarding}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-fast-forward=""
      style={{
        position: 'fixed', top: '0.75rem', left: '50%', transform: 'translateX(-50%)', zIndex: 1000,
        display: 'flex', alignItems: 'center', gap: '0.75rem', padding: '0.5rem 0.9rem', borderRadius: '0.4rem',
        background: 'rgba(20, 24, 32, 0.92)', color: '#fff', font: 'inherit', boxShadow: '0 2px 10px rgba(0, 0, 0, 0.3)',
      }}
    >
      <span>{t.fastForwarding}</span>
      <span style={{ width: '12rem', height: '0.45rem', borderRadius: '0.25rem', background: 'rgba(255, 255, 255, 0.25)', overflow: 'hidden' }}>
        <span style={{ display: 'block', width: `${percent}%`, height: '100%', background: '#4fa3ff' }} />
      </span>
      <span style={{ minWidth: '3ch', textAlign: 'right' }}>{percent}%</span>
    </div>
  );
}
