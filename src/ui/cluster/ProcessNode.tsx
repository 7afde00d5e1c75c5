/**
 * One process's card for protocols drawn from their description (Paxos, Multi-Paxos …): its name
 * (click: inspect), its role (colour and name from the protocol's roles), the fields the protocol
 * puts on its card (a Paxos acceptor's promise and accepted proposal, a proposer's phase, ballot,
 * value and promises, a replica's leader and watermarks) and Kill / Start / Wipe. Carries
 * data-server, data-state (the role) and data-field on each value, like ZooKeeper's server cards.
 */
import { memo } from 'react';
import {
  selectProcessCard, selectRoleColours, toggleSelectedServer, useLabStore,
} from '../../store/index.ts';
import { highlightServer, useServerHighlighted } from '../highlight.ts';
import { useLang } from '../i18n/index.ts';
import { t, tr } from '../strings.ts';
import { structuredText } from '../structured.ts';
import { dragJustEnded, startServerDrag, useDragState } from './drag.ts';
import type { Density, NodeBox } from './layout.ts';
import { dropServerIntoGroup } from './PartitionGroups.tsx';
import { ProcessActions } from './ProcessActions.tsx';

export const ProcessNode = memo(function ProcessNode({ sid, box, density }: { sid: number; box: NodeBox; density: Density }) {
  useLang(); // re-render on a language change despite memo
  const card = useLabStore(selectProcessCard(sid));
  const roles = useLabStore(selectRoleColours);
  const selected = useLabStore((s) => s.selectedSid === sid);
  const lit = useServerHighlighted(sid);
  const dragged = useDragState()?.sid === sid;
  if (!card) return null;
  const role = roles.find((r) => r.id === card.role);
  const roleName = role ? tr(role.key) : t.roleNames.DOWN;
  const classes = ['server', 'process', `density-${density}`];
  if (!card.up) classes.push('role-down');
  if (card.crashReason) classes.push('crashed');
  if (selected) classes.push('selected');
  if (dragged) classes.push('dragging');
  if (lit) classes.push('lane-lit');
  const style = {
    left: box.x - box.w / 2,
    top: box.y - box.h / 2,
    width: box.w,
    height: box.h,
    ...(role ? { '--role': role.colour, '--role-bg': `color-mix(in srgb, ${role.colour} 9%, white)` } : {}),
  } as React.CSSProperties;
  return (
    <section
      className={classes.join(' ')}
      data-server={sid}
      data-state={card.role}
      data-highlighted={lit ? 'true' : undefined}
      onMouseEnter={() => highlightServer(sid)}
      onMouseLeave={() => highlightServer(null)}
      aria-label={t.serverLabel(card.name, roleName)}
      style={style}
      onPointerDown={(e) => startServerDrag(e, sid, card.name, dropServerIntoGroup)}
      onClickCapture={(e) => {
        if (dragJustEnded()) e.stopPropagation();
      }}
    >
      <header className="server-head">
        <button
          type="button"
          className="server-name"
          aria-pressed={selected}
          aria-label={t.inspect(card.name)}
          title={card.summary}
          onClick={() => toggleSelectedServer(sid)}
        >
          {card.name}
        </button>
        <span className="role-chip">{roleName}</span>
      </header>
      {card.crashReason && (
        <div className="crash-note" title={card.crashReason}>
          {t.crashedTag}: {card.crashReason}
        </div>
      )}
      <dl className="server-fields process-fields">
        {card.fields.map((f) => {
          const value = structuredText(f.value);
          const label = tr(f.label);
          return (
            <div key={f.label} title={f.title === 'disk' ? `${label} (${t.onDisk})` : label}>
              <dt>{label}</dt>
              <dd data-field={f.label.replace(/^card\./, '')} title={value}>
                {value}
              </dd>
            </div>
          );
        })}
      </dl>
      <ProcessActions card={card} wipeTitle={t.wipeTitleProcess} />
    </section>
  );
});
