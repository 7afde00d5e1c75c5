/**
 * The ensemble as a ring: links and cuts (React, they change rarely), the packets in flight (one
 * canvas the frame loop draws onto) and, above them, a card per server (React, re-rendered only
 * when that server's card changes).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { addToEnsemble, ensembleResizeInput, labReconfigEnabled, resizeRefusal, selectProtocol, selectProtocolId, selectServerIds, useLabStore } from '../../store/index.ts';
import type { ProtocolId } from '../../protocol/config.ts';
import { t } from '../strings.ts';
import { ringLayout } from './layout.ts';
import { EnsembleSize, resizeRefusalText } from './EnsembleSize.tsx';
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
 * (`lab add observer|voter` in the console, then `reconfig -add`), disabled at the lab's limits —
 * the largest values its Voters / Observers pickers offer (src/protocol/config.ts LIMITS), counted
 * in the live configuration — and whenever the pickers would refuse one more (no leader, no room
 * left for `lab add`, no synced quorum for the new configuration: src/store/ensembleResize.ts).
 */
function AddServerButtons() {
  const protocol = useLabStore(selectProtocol); // also re-renders when the lab (and its config) is there
  const live = useLabStore(useShallow((s) => ({ voters: s.ensemble.voters.length, observers: s.ensemble.observers.length })));
  useLabStore((s) => s.servers); // the leader, its synced followers and lab add's room change with the servers
  if (!labReconfigEnabled()) return null;
  const max = (key: string) => Math.max(...(protocol.settings.find((x) => x.key === key)?.values.map(Number) ?? [0]));
  const input = ensembleResizeInput();
  const buttons = [
    { role: 'observer' as const, key: 'observers' as const, label: t.addObserver, title: t.addObserverTitle, fullTitle: t.addObserverFull(max('observers')) },
    { role: 'voter' as const, key: 'voters' as const, label: t.addVoter, title: t.addVoterTitle, fullTitle: t.addVoterFull(max('voters')) },
  ].map((b) => {
    const atMax = live[b.key] >= max(b.key);
    const refusal = atMax || !input ? null : resizeRefusal(input, b.key, live[b.key] + 1);
    return { ...b, disabled: atMax || refusal !== null, why: atMax ? b.fullTitle : refusal ? resizeRefusalText(refusal) : b.title };
  });
  return (
    <div className="ensemble-size ensemble-add">
      {buttons.map((b) => (
        // A disabled button shows no tooltip in some browsers: the span carries it.
        <span key={b.role} title={b.why}>
          <button type="button" className="btn btn-small" disabled={b.disabled} onClick={() => void addToEnsemble(b.role)}>
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
