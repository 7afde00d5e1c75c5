/**
 * The ensemble as a ring: links and cuts (React, they change rarely), the packets in flight (one
 * canvas the frame loop draws onto) and, above them, a card per server (React, re-rendered only
 * when that server's card changes).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { addToEnsemble, ensembleResizeInput, labReconfigEnabled, selectProtocol, selectProtocolId, selectServerIds, useLabStore } from '../../store/index.ts';
import type { ProtocolId } from '../../protocol/config.ts';
import { t } from '../strings.ts';
import { ringLayout } from './layout.ts';
import { EnsembleSize } from './EnsembleSize.tsx';
import { LinkHits } from './LinkHits.tsx';
import { Links } from './Links.tsx';
import { DragGhost, PartitionGroups } from './PartitionGroups.tsx';
import { PacketLayer } from './PacketLayer.tsx';
import { ServerNode } from './ServerNode.tsx';
import { ProcessNode } from './ProcessNode.tsx';
import { PRESENT_CARD_SCALE, usePresenting } from '../present/presentMode.ts';

/**
 * Each protocol's card (a table, as a module registers its views): ZooKeeper's server card, or the
 * generic process card drawn from the protocol's description and card fields.
 */
const CARD_VIEWS: Record<ProtocolId, typeof ServerNode> = { zookeeper: ServerNode, paxos: ProcessNode, multipaxos: ProcessNode, '2pc': ProcessNode, '3pc': ProcessNode };

function useElementSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s.width === Math.round(r.width) && s.height === Math.round(r.height) ? s : { width: Math.round(r.width), height: Math.round(r.height) }));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * With reconfigEnabled: "+ Observer" and "+ Voter" add a server process to the running ensemble
 * (`lab add observer|voter` in the console), disabled at the lab's limits — the largest values its
 * Voters / Observers pickers offer (src/protocol/config.ts LIMITS), counted in the live
 * configuration — or when `lab add` has no room left (it counts every server it started).
 */
function AddServerButtons() {
  const protocol = useLabStore(selectProtocol); // also re-renders when the lab (and its config) is there
  const live = useLabStore(useShallow((s) => ({ voters: s.ensemble.voters.length, observers: s.ensemble.observers.length })));
  useLabStore((s) => s.servers); // lab add's room changes with the servers
  if (!labReconfigEnabled()) return null;
  const max = (key: string) => Math.max(...(protocol.settings.find((x) => x.key === key)?.values.map(Number) ?? [0]));
  const maxObservers = max('observers');
  const maxVoters = max('voters');
  const room = ensembleResizeInput()?.room ?? { participant: 0, observer: 0 };
  const buttons = [
    { role: 'observer' as const, label: t.addObserver, atMax: live.observers >= maxObservers, noRoom: room.observer <= 0, title: t.addObserverTitle, fullTitle: t.addObserverFull(maxObservers) },
    { role: 'voter' as const, label: t.addVoter, atMax: live.voters >= maxVoters, noRoom: room.participant <= 0, title: t.addVoterTitle, fullTitle: t.addVoterFull(maxVoters) },
  ];
  return (
    <div className="ensemble-size ensemble-add">
      {buttons.map((b) => (
        // A disabled button shows no tooltip in some browsers: the span carries it.
        <span key={b.role} title={b.atMax ? b.fullTitle : b.noRoom ? t.addNoRoom : b.title}>
          <button type="button" className="btn btn-small" disabled={b.atMax || b.noRoom} onClick={() => void addToEnsemble(b.role)}>
            {b.label}
          </button>
        </span>
      ))}
    </div>
  );
}

export function ClusterView() {
  const ids = useLabStore(selectServerIds);
  const Card = CARD_VIEWS[useLabStore(selectProtocolId)];
  const ref = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(ref);
  const cardScale = usePresenting() ? PRESENT_CARD_SCALE : 1;
  const layout = useMemo(() => ringLayout(ids, width, height, cardScale), [ids, width, height, cardScale]);
  return (
    <>
      <div className="cluster" ref={ref}>
        {width > 0 && (
          <>
            <svg className="cluster-links" width={width} height={height} aria-hidden="true">
              <Links layout={layout} />
              <LinkHits layout={layout} />
            </svg>
            <PacketLayer layout={layout} />
            {/* Cards sit above the links: packets leave and enter them at their edges. */}
            {layout.nodes.map((box) => (
              <Card key={box.sid} sid={box.sid} box={box} density={layout.density} />
            ))}
          </>
        )}
      </div>
      <div className="cluster-toolbar">
        <PartitionGroups />
        <EnsembleSize />
        <AddServerButtons />
      </div>
      <DragGhost />
    </>
  );
}
