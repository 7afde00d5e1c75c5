/**
 * The protocol picker in the top bar: ZooKeeper · Paxos · Multi-Paxos, each a link to the same lab
 * settings (seed, link latency) for that protocol (src/store/protocolLinks.ts). Links, not a menu:
 * opening a protocol is navigation (a new page, its own workers), and a link can be opened in a new
 * tab or shared.
 */
import { useMemo } from 'react';
import { protocolChoices, protocolLink, selectProtocolId, useLabStore } from '../../store/index.ts';
import { t } from '../strings.ts';

export function ProtocolPicker() {
  const current = useLabStore(selectProtocolId);
  const choices = useMemo(() => protocolChoices(), []);
  return (
    <nav className="protocol-picker" aria-label={t.protocolLabel} title={t.protocolTitle}>
      {choices.map((c, i) => (
        <span key={c.id} className="protocol-choice">
          {i > 0 && <span className="protocol-sep" aria-hidden="true">·</span>}
          <a href={protocolLink(c.id, window.location.search)} aria-current={c.id === current ? 'page' : undefined} data-protocol={c.id}>
            {c.title}
          </a>
        </span>
      ))}
    </nav>
  );
}
