/** A process card's buttons: Kill or Start, Wipe, and the ⋯ menu (the same for every protocol's card). */
import type { ReactNode } from 'react';
import { killServer, startServer, wipeServer } from '../../store/index.ts';
import { t } from '../strings.ts';
import { ServerMenu } from './ServerMenu.tsx';

export function ProcessActions({ card, wipeTitle, children }: { card: { sid: number; name: string; up: boolean }; wipeTitle: string; children?: ReactNode }) {
  const { sid } = card;
  return (
    <div className="server-actions">
      {card.up ? (
        <button type="button" className="btn btn-small btn-danger" aria-label={t.killServer(card.name)} onClick={() => void killServer(sid)}>
          {t.kill}
        </button>
      ) : (
        <button type="button" className="btn btn-small btn-primary" aria-label={t.startServer(card.name)} onClick={() => void startServer(sid)}>
          {t.start}
        </button>
      )}
      <button type="button" className="btn btn-small" aria-label={t.wipeServer(card.name)} title={wipeTitle} onClick={() => void wipeServer(sid)}>
        {t.wipe}
      </button>
      <ServerMenu card={card} />
      {children}
    </div>
  );
}
