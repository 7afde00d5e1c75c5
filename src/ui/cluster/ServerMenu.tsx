/**
 * A server's ⋯ menu: kill or start, wipe, move to another partition group, isolate it or heal its
 * links, and (with reconfigEnabled) remove it from the ensemble's configuration. A menu button
 * (aria-haspopup) with a role="menu" list; ↑/↓ move, Escape closes and returns focus to the button. Every item runs a store verb (echoed as the `lab …` or zkCli commands it runs).
 */
import { useEffect, useRef, useState } from 'react';
import {
  healLink, killServer, labReconfigEnabled, partitionServers, removeFromEnsemble, startServer, useLabStore, wipeServer, type ServerCard,
} from '../../store/index.ts';
import { t } from '../strings.ts';
import { GROUP_LABELS } from './groups.ts';
import { currentGroups, dropServerIntoGroup } from './PartitionGroups.tsx';

interface Item {
  key: string;
  label: string;
  run: () => void;
  danger?: boolean;
}

/** What a server's menu acts on (ZooKeeper's server cards and the generic process cards both have it). */
type MenuCard = Pick<ServerCard, 'sid' | 'name' | 'up'>;

function itemsFor(card: MenuCard): Item[] {
  const sid = card.sid;
  const items: Item[] = [
    card.up
      ? { key: 'kill', label: t.killServer(card.name), run: () => void killServer(sid), danger: true }
      : { key: 'start', label: t.startServer(card.name), run: () => void startServer(sid) },
    { key: 'wipe', label: t.wipeServer(card.name), run: () => void wipeServer(sid), danger: true },
  ];
  const groups = currentGroups();
  groups.forEach((g, i) => {
    if (!g.includes(sid)) items.push({ key: `group-${i}`, label: t.moveToGroup(GROUP_LABELS[i]!), run: () => dropServerIntoGroup(sid, i) });
  });
  const others = useLabStore.getState().serverIds.filter((s) => s !== sid);
  items.push({ key: 'isolate', label: t.isolateServer, run: () => void partitionServers([[sid], others]) });
  const cuts = useLabStore.getState().cutLinks.filter(([a, b]) => a === sid || b === sid);
  if (cuts.length > 0) {
    const peers = [...new Set(cuts.map(([a, b]) => (a === sid ? b : a)))];
    items.push({ key: 'heal', label: t.healServerLinks, run: () => { for (const p of peers) void healLink(sid, p); } });
  }
  if (labReconfigEnabled()) items.push({ key: 'remove', label: t.removeFromEnsemble, run: () => void removeFromEnsemble(sid), danger: true });
  return items;
}

export function ServerMenu({ card }: { card: MenuCard }) {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState({ left: 0, top: 0 });
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const items = open ? itemsFor(card) : [];
  const menuId = `server-menu-${card.sid}`;

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onDoc = (e: PointerEvent) => {
      const el = e.target as Node;
      if (!menuRef.current?.contains(el) && !buttonRef.current?.contains(el)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDoc);
    return () => document.removeEventListener('pointerdown', onDoc);
  }, [open]);

  const close = (focus: boolean) => {
    setOpen(false);
    if (focus) buttonRef.current?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const all = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = all.length;
      all[(i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n]?.focus();
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-small btn-ghost server-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t.serverMenu(card.name)}
        title={t.serverMenu(card.name)}
        onClick={() => {
          const r = buttonRef.current?.getBoundingClientRect();
          if (r) setAt({ left: Math.min(r.left, window.innerWidth - 230), top: r.bottom + 4 });
          setOpen((o) => !o);
        }}
      >
        ⋯
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          className="server-menu"
          role="menu"
          aria-label={t.serverMenu(card.name)}
          style={at}
          onKeyDown={onKeyDown}
        >
          {items.map((it) => (
            <button
              key={it.key}
              type="button"
              role="menuitem"
              className={it.danger ? 'danger' : undefined}
              onClick={() => {
                close(true);
                it.run();
              }}
            >
              {it.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
