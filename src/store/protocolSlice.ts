/**
 * The protocol the lab runs, as the views need it (docs/architecture.md): plain data taken from the
 * protocol's description and lab entry (src/protocol/registry.ts) when a lab opens — its processes'
 * names, roles and packet phases with their colours and i18n keys, invariants, settings, step
 * buttons, breakpoint kinds, event log categories and panels — so src/ui draws any protocol
 * without importing protocol code or asking which protocol it is. Also the generic process cards
 * and the protocol panels' data, which the session keeps up to date.
 */
import type { StateCreator } from 'zustand';
import type { ProtocolId } from '../protocol/config.ts';
import type { CardField, LabProtocol } from '../protocol/registry.ts';
import type { InvariantInfo } from '../sim/module.ts';
import type { LabSetup } from '../sim/simulation.ts';
import type { LabConfig } from '../protocol/config.ts';
import type { LabState } from './labStore.ts';

type Sid = number;

export interface NamedColour {
  id: string;
  colour: string;
  /** The i18n key of its name. */
  key: string;
}

export interface ProtocolSettingInfo {
  key: string;
  values: Array<number | string>;
  /** This lab's value. */
  value: number | string;
}

export interface ProtocolInfo {
  id: ProtocolId;
  title: string;
  /** The console speaks zkCli (sessions, znode tree); otherwise it takes the protocol's commands. */
  hasZkCli: boolean;
  /** The console's own commands when it does not speak zkCli (`propose`; `begin`, `vote`). */
  commands: string[];
  /** Every process, in id order, and its name (`zk3`, `a1`, `r2`). */
  ids: Sid[];
  names: Record<Sid, string>;
  roles: NamedColour[];
  phases: NamedColour[];
  /** Packet type → its phase's id. */
  packetPhase: Record<string, string>;
  invariants: InvariantInfo[];
  /** Its invariants are checked after every event by the runtime (Paxos, Multi-Paxos), not sampled (ZooKeeper). */
  exactInvariants: boolean;
  settings: ProtocolSettingInfo[];
  /** The "Next …" buttons (ids: `vote`, `prepare`, `chosen` …). */
  stepTargets: string[];
  breakpointKinds: string[];
  eventCategories: string[];
  /** The protocol's own panels (ids the UI picks a view by). */
  panels: string[];
  /** The console's prompt outside zkCli. */
  prompt: string;
  seed: string;
  latencyMs: number;
  latencySpreadMs: number;
  bugs: string[];
}

/** A process's card in the ring, for protocols drawn by the generic card. */
export interface ProcessCard {
  sid: Sid;
  name: string;
  up: boolean;
  /** Why it is down when its code threw; null when killed or running. */
  crashReason: string | null;
  /** A role id of ProtocolInfo.roles, or `DOWN`. */
  role: string;
  fields: CardField[];
  summary: string;
}

export interface ProtocolSlice {
  protocol: ProtocolInfo;
  processCards: Record<Sid, ProcessCard>;
  /** Each protocol panel's latest data, by panel id. */
  panelData: Record<string, unknown>;
}

export const EMPTY_PROTOCOL: ProtocolInfo = {
  id: 'zookeeper', title: '', hasZkCli: true, commands: [], ids: [], names: {}, roles: [], phases: [], packetPhase: {}, invariants: [], exactInvariants: false,
  settings: [], stepTargets: [], breakpointKinds: [], eventCategories: [], panels: [], prompt: '', seed: '', latencyMs: 0,
  latencySpreadMs: 0, bugs: [],
};

export const protocolSlice: StateCreator<LabState, [], [], ProtocolSlice> = () => ({
  protocol: EMPTY_PROTOCOL,
  processCards: {},
  panelData: {},
});

/** The views' data about a lab's protocol. */
export function protocolInfo(protocol: LabProtocol, config: LabConfig, setup: LabSetup, exactInvariants = false): ProtocolInfo {
  const d = protocol.description;
  const ids = [...setup.ids];
  return {
    id: protocol.id,
    title: protocol.title,
    hasZkCli: protocol.hasZkCli,
    commands: [...protocol.commands],
    ids,
    names: Object.fromEntries(ids.map((id) => [id, setup.name(id)])),
    roles: d.roles.map((r) => ({ id: r.id, colour: r.colour, key: protocol.roleKey(r.id) })),
    phases: d.phases.map((p) => ({ id: p.id, colour: p.colour, key: protocol.phaseKey(p.id) })),
    packetPhase: Object.fromEntries(d.packets.map((p) => [p.type, p.phase])),
    invariants: [...protocol.invariants],
    exactInvariants,
    settings: protocol.settings.map((s) => ({ key: s.key, values: [...s.values], value: config[s.key] })),
    stepTargets: protocol.stepTargets.map((s) => s.id),
    breakpointKinds: [...protocol.breakpointKinds],
    eventCategories: [...protocol.eventCategories],
    panels: protocol.panels.map((p) => p.id),
    prompt: `[${protocol.id}] `,
    seed: String(config.seed),
    latencyMs: config.latencyMs,
    latencySpreadMs: config.latencySpreadMs,
    bugs: [...(config.bugs ?? [])],
  };
}

// ------------------------------------------------------------------ selectors

export const selectProtocol = (s: ProtocolSlice): ProtocolInfo => s.protocol;
export const selectHasZkCli = (s: ProtocolSlice): boolean => s.protocol.hasZkCli;
export const selectConsoleCommands = (s: ProtocolSlice): string[] => s.protocol.commands;
export const selectProtocolId = (s: ProtocolSlice): ProtocolId => s.protocol.id;
export const selectProcessNames = (s: ProtocolSlice): Record<Sid, string> => s.protocol.names;
export const selectRoleColours = (s: ProtocolSlice): NamedColour[] => s.protocol.roles;
export const selectProcessCard = (sid: Sid) => (s: ProtocolSlice): ProcessCard | undefined => s.processCards[sid];
export const selectPanelData = (id: string) => (s: ProtocolSlice): unknown => s.panelData[id];
