/**
 * One server's card: name, role (colour by role; DOWN greyed, crashed marked), its vote (leader,
 * zxid, peerEpoch), logicalclock, acceptedEpoch/currentEpoch, last zxid and ZAB phase, and its
 * Kill / Start / Wipe buttons; badges over its top edge: "not in config" (the live configuration does
 * not name it) and "non-voting" (its own configuration does not count it as a voter). Carries
 * data-server and data-state (and data-nonvoting) for tests and lessons.
 */
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  selectServerCard, selectSyncFlash, toggleSelectedServer, useLabStore, type ServerCard,
} from '../../store/index.ts';
import { highlightServer, useServerHighlighted } from '../highlight.ts';
import { t } from '../strings.ts';
import { dragJustEnded, startServerDrag, useDragState } from './drag.ts';
import type { Density, NodeBox } from './layout.ts';
import { dropServerIntoGroup } from './PartitionGroups.tsx';
import { ProcessActions } from './ProcessActions.tsx';
import { useLang } from '../i18n/index.ts';

function voteText(card: Face): string {
  if (!card.vote) return t.noVote;
  return t.voteText(card.voteLeader ?? t.noVote, card.voteZxid, card.votePeerEpoch);
}

/** What the card shows, flat: the card re-renders only when one of these changes (not at every ACK). */
type Face = Pick<ServerCard, 'sid' | 'name' | 'observer' | 'member' | 'nonVoting' | 'up' | 'crashReason' | 'state' | 'voteKind' | 'logicalclock' | 'acceptedEpoch' | 'currentEpoch' | 'lastZxid' | 'phase' | 'summary'> & {
  vote: boolean;
  voteLeader: string | null;
  voteZxid: string;
  votePeerEpoch: string;
};

function faceOf(c: ServerCard | undefined): Face | undefined {
  if (!c) return undefined;
  return {
    sid: c.sid, name: c.name, observer: c.observer, member: c.member, nonVoting: c.nonVoting, up: c.up, crashReason: c.crashReason, state: c.state, voteKind: c.voteKind,
    logicalclock: c.logicalclock, acceptedEpoch: c.acceptedEpoch, currentEpoch: c.currentEpoch, lastZxid: c.lastZxid, phase: c.phase,
    summary: c.summary, vote: c.vote !== null, voteLeader: c.vote?.leader ?? null, voteZxid: c.vote?.zxid ?? '', votePeerEpoch: c.vote?.peerEpoch ?? '',
  };
}

export const ServerNode = memo(function ServerNode({ sid, box, density }: { sid: number; box: NodeBox; density: Density }) {
  useLang(); // re-render on a language change despite memo
  const card = useLabStore(useShallow((s) => faceOf(selectServerCard(sid)(s))));
  const selected = useLabStore((s) => s.selectedSid === sid);
  const flash = useLabStore(selectSyncFlash(sid));
  const lit = useServerHighlighted(sid);
  const dragged = useDragState()?.sid === sid;
  if (!card) return null;
  const state = card.state;
  const roleClass = `role-${state.toLowerCase()}`;
  const classes = ['server', roleClass, `density-${density}`];
  if (card.observer) classes.push('observer');
  if (card.crashReason) classes.push('crashed');
  if (selected) classes.push('selected');
  if (dragged) classes.push('dragging');
  if (lit) classes.push('lane-lit');
  const vote = voteText(card);
  const zab = card.phase ?? t.phaseNone;
  return (
    <>
      <section
        className={classes.join(' ')}
        data-server={sid}
        data-state={state}
        data-observer={card.observer ? 'true' : undefined}
        data-member={card.member ? undefined : 'false'}
        data-nonvoting={card.nonVoting ? 'true' : undefined}
        data-highlighted={lit ? 'true' : undefined}
        onMouseEnter={() => highlightServer(sid)}
        onMouseLeave={() => highlightServer(null)}
        aria-label={t.serverLabel(card.name, state)}
        style={{ left: box.x - box.w / 2, top: box.y - box.h / 2, width: box.w, height: box.h }}
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
          <span className="role-chip">{t.roleNames[state]}</span>
        </header>
        {card.crashReason && (
          <div className="crash-note" title={card.crashReason}>
            {t.crashedTag}: {card.crashReason}
          </div>
        )}
        <dl className="server-fields">
          <div title={card.voteKind === 'proposal' ? t.proposalTitle : t.voteTitle}>
            <dt>{t.vote}</dt>
            <dd title={card.up ? vote : undefined}>{card.up ? vote : t.noVote}</dd>
          </div>
          <div title={`${t.logicalclockTitle} · ${t.epochsTitle}`}>
            <dt>{t.logicalclock}</dt>
            <dd>
              {card.logicalclock ?? t.noVote}
              <span className="sep"> · </span>
              <abbr title={t.epochsTitle}>{t.epochs}</abbr> {card.acceptedEpoch}/{card.currentEpoch}
            </dd>
          </div>
          <div title={card.up ? t.lastZxidTitle : `${t.lastZxidTitle} (${t.onDisk})`}>
            <dt>{t.lastZxid}</dt>
            <dd title={card.lastZxid}>{card.lastZxid}</dd>
          </div>
          <div>
            <dt>{t.phase}</dt>
            <dd className="phase">{card.up ? zab : t.phaseNone}</dd>
          </div>
        </dl>
        <ProcessActions card={card} wipeTitle={t.wipeTitle}>
          {card.observer && (
            <span className="tag tag-observer" title={t.observerTag}>
              {density === 'roomy' || density === 'compact' ? t.observerTag : t.observerTagShort}
            </span>
          )}

        </ProcessActions>
      </section>
      {(!card.member || card.nonVoting) && (
        // Over the card's top edge from its left corner, outside it (the card clips), readable at every
        // density and clear of the sync flash on the top-right corner.
        <span className="outside-badges" style={{ left: box.x - box.w / 2, top: box.y - box.h / 2 }}>
          {!card.member && (
            <span className="outside-badge" data-outside-server={sid} title={t.notMemberTitle}>
              {t.notMemberTag}
            </span>
          )}
          {card.nonVoting && (
            <span className="outside-badge tag-nonvoting" data-nonvoting-server={sid} title={t.nonVotingTitle}>
              {t.nonVotingTag}
            </span>
          )}
        </span>
      )}
      {flash && (
        // Outside the card (which clips), on its top-right corner; keyed by the moment, so a new
        // sync of the same learner pops again.
        <span
          key={flash.at}
          className="sync-flash"
          data-sync-server={sid}
          data-sync-mode={flash.mode}
          title={t.syncFlashTitle(flash.leader, flash.mode, card.name)}
          style={{ left: box.x + box.w / 2 + 6, top: box.y - box.h / 2 }}
        >
          {flash.mode}
        </span>
      )}
    </>
  );
});
