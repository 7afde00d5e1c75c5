/**
 * The partition tray under the ring: the groups of servers that can talk to each other, and an
 * empty group to drop into. Drag a card (or a chip here) onto a group to move that server there;
 * the drop runs `lab heal` + `lab partition …` through the store (echoed in the console).
 * Keyboard users move servers with the card's ⋯ menu.
 */
import { useShallow } from 'zustand/react/shallow';
import { partitionServers, selectProcessNames, useLabStore, type LabState } from '../../store/index.ts';
import { t } from '../strings.ts';
import { dragJustEnded, startServerDrag, useDragState } from './drag.ts';
import { GROUP_LABELS, groupsFromCuts, moveToGroup, shownGroups } from './groups.ts';

const selectGroupInputs = (s: LabState) => ({ ids: s.serverIds, cuts: s.cutLinks });

export function currentGroups(s: LabState = useLabStore.getState()): number[][] {
  return shownGroups(groupsFromCuts(s.serverIds, s.cutLinks));
}

export function useGroups(): number[][] {
  const { ids, cuts } = useLabStore(useShallow(selectGroupInputs));
  return shownGroups(groupsFromCuts(ids, cuts));
}

/** Moves a server into a shown group (by index) and partitions the ensemble accordingly. */
export function dropServerIntoGroup(sid: number, index: number): void {
  const groups = currentGroups();
  if (groups[index]?.includes(sid)) return;
  void partitionServers(moveToGroup(groups, sid, index));
}

export function PartitionGroups() {
  const groups = useGroups();
  const names = useLabStore(selectProcessNames);
  const drag = useDragState();
  return (
    <div className="groups" role="group" aria-label={t.groupsLabel} title={t.groupsHint}>
      {groups.map((g, i) => {
        const label = GROUP_LABELS[i]!;
        const over = drag !== null && drag.over === i;
        return (
          <div
            key={label}
            className={`group-zone${over ? ' over' : ''}${g.length === 0 ? ' empty' : ''}`}
            role="group"
            data-drop-group={i}
            data-group={label}
            aria-label={t.groupDrop(label)}
          >
            <span className="group-name">{t.groupName(label)}</span>
            {g.length === 0 ? (
              <span className="group-empty">{t.groupEmpty}</span>
            ) : (
              g.map((sid) => (
                <span
                  key={sid}
                  className="group-chip"
                  data-group-server={sid}
                  onPointerDown={(e) => startServerDrag(e, sid, names[sid] ?? `zk${sid}`, dropServerIntoGroup)}
                  onClickCapture={(e) => dragJustEnded() && e.stopPropagation()}
                >
                  {names[sid] ?? `zk${sid}`}
                </span>
              ))
            )}
          </div>
        );
      })}
    </div>
  );
}

/** The card that follows the pointer while dragging. */
export function DragGhost() {
  const drag = useDragState();
  if (!drag) return null;
  return (
    <div className="drag-ghost" aria-hidden="true" style={{ left: drag.x + 8, top: drag.y + 8 }}>
      {drag.name}
    </div>
  );
}
