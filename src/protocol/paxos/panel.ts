/**
 * The Paxos panel's data (src/protocol/registry.ts PanelModel): what is CHOSEN — a true majority
 * of acceptors accepted one ballot — shown apart from what each learner has learned; each
 * proposer's phase 2 as it stands (the promises it holds, the highest-numbered proposal they
 * reported, and why its own value was replaced: P2c); and the ballot × acceptor grid. Read from the
 * world incrementally: each trace entry once, and from scratch only when the world was replaced
 * (a rewind).
 */
import type { StructuredText } from '../../sim/module.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { LabSetup } from '../../sim/simulation.ts';
import type { PanelModel } from '../registry.ts';
import { formatBallot } from './ballot.ts';
import type { PaxosTraceEntry } from './checker.ts';
import { BallotGridBuilder, type BallotGrid } from './grid.ts';
import { eventText } from './text.ts';
import { nodeName, proposerIds, learnerIds, type PaxosConfig, type PaxosEvent, type PaxosView, type ProposerPhase } from './types.ts';

export interface ChosenInfo {
  value: string;
  ballot: string;
  acceptors: string[];
  /** Simulated ms when it became chosen. */
  t: number;
}

export interface ProposerInfo {
  name: string;
  up: boolean;
  phase: ProposerPhase | null;
  ballot: string | null;
  /** The value it was asked to propose (pending), or null. */
  asked: string | null;
  /** The value of its phase 2, or null. */
  proposal: string | null;
  promises: string[];
  highestAccepted: { ballot: string; value: string; from: string[] } | null;
  acceptedBy: string[];
  knowsChosen: { value: string; ballot: string } | null;
  /** The last time P2c replaced its own value (and whether that was in its current ballot). */
  replaced: { ballot: string; own: string; value: string; text: StructuredText; current: boolean } | null;
}

export interface PaxosPanelData {
  acceptors: number;
  /** ⌊N/2⌋+1. */
  quorum: number;
  /** The first value chosen, or null. */
  chosen: ChosenInfo | null;
  /** Other values chosen later (Agreement is broken when one differs). */
  later: ChosenInfo[];
  learners: Array<{ name: string; up: boolean; learned: { value: string; ballot: string } | null }>;
  proposers: ProposerInfo[];
  grid: BallotGrid;
}

type Replaced = Extract<PaxosEvent, { kind: 'value-replaced' }>;

export function paxosPanel(setup: LabSetup): PanelModel {
  const cfg = setup.config as PaxosConfig;
  let trace: readonly PaxosTraceEntry[] | null = null;
  let cursor = 0;
  let builder = new BallotGridBuilder(cfg);
  let replaced = new Map<string, Replaced>();
  let lastJson = '';
  return {
    read(sim: Simulation) {
      const t = sim.trace as readonly PaxosTraceEntry[];
      if (t !== trace || t.length < cursor) {
        trace = t;
        cursor = 0;
        builder = new BallotGridBuilder(cfg);
        replaced = new Map();
      }
      for (; cursor < t.length; cursor++) {
        const e = t[cursor]!;
        builder.feed(e, cursor);
        if (e.kind === 'event' && e.event.kind === 'value-replaced') replaced.set(e.event.node, e.event);
      }
      const data = panelData(sim, cfg, builder, replaced);
      const json = JSON.stringify(data);
      if (json === lastJson) return undefined;
      lastJson = json;
      return data;
    },
  };
}

function chosenInfo(cfg: PaxosConfig, c: BallotGridBuilder['chosen'][number]): ChosenInfo {
  return { value: c.value, ballot: formatBallot(c.ballot), acceptors: c.acceptors.map((a) => nodeName(cfg, a)), t: c.t };
}

function panelData(sim: Simulation, cfg: PaxosConfig, builder: BallotGridBuilder, replaced: ReadonlyMap<string, Replaced>): PaxosPanelData {
  const view = (id: number): PaxosView | null => {
    const s = sim.servers.get(id);
    return s?.up ? (s.view as PaxosView | null) : null;
  };
  const up = (id: number) => sim.servers.get(id)?.up ?? false;
  const [first, ...later] = builder.chosen.map((c) => chosenInfo(cfg, c));
  return {
    acceptors: cfg.acceptors,
    quorum: Math.floor(cfg.acceptors / 2) + 1,
    chosen: first ?? null,
    later,
    learners: learnerIds(cfg).map((id) => {
      const v = view(id);
      const learned = v?.role === 'learner' && v.learned ? { value: v.learned.value, ballot: formatBallot(v.learned.ballot) } : null;
      return { name: nodeName(cfg, id), up: up(id), learned };
    }),
    proposers: proposerIds(cfg).map((id): ProposerInfo => {
      const name = nodeName(cfg, id);
      const v = view(id);
      const p = v?.role === 'proposer' ? v : null;
      const r = replaced.get(name);
      const ballot = p?.ballot ? formatBallot(p.ballot) : null;
      return {
        name,
        up: up(id),
        phase: p?.phase ?? null,
        ballot,
        asked: p?.value ?? null,
        proposal: p?.proposal ?? null,
        promises: p?.promises ?? [],
        highestAccepted: p?.highestAccepted ? { ballot: formatBallot(p.highestAccepted.ballot), value: p.highestAccepted.value, from: p.highestAccepted.from } : null,
        acceptedBy: p?.acceptedBy ?? [],
        knowsChosen: p?.chosen ? { value: p.chosen.value, ballot: formatBallot(p.chosen.ballot) } : null,
        replaced: r ? { ballot: formatBallot(r.ballot), own: r.from, value: r.to, text: eventText(r), current: formatBallot(r.ballot) === ballot } : null,
      };
    }),
    grid: builder.grid(),
  };
}
