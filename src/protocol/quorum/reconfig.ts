/**
 * Dynamic reconfiguration (ZooKeeper 3.5+, as 3.8.0 does it) among the servers the ensemble has.
 *
 * - The dynamic config (QuorumPeerConfig.parseDynamicConfig / QuorumMaj.toString): one line per
 *   member in the 3.5+ form `server.N=host:quorumPort:electionPort:role;clientHost:clientPort`,
 *   sorted by id, then `version=<hex>`. The lab's addresses are `zkN:2888:3888` and `zkN:2181`
 *   (the same hosts the lab's `config` has always printed; the client part is printed only with
 *   reconfigEnabled, whose config is written in the 3.5+ form).
 * - PrepRequestProcessor.pRequest2Txn's `OpCode.reconfig` case: {@link prepReconfig} computes the
 *   next QuorumMaj from the leader's last seen one (incremental `-add`/`-remove`, or `-members`)
 *   and fails with the codes 3.8.0 answers (see the comments there).
 * - Activation: Leader.processReconfig on commit, Follower COMMITANDACTIVATE, Observer
 *   INFORMANDACTIVATE → QuorumPeer.processReconfig / setQuorumVerifier: {@link activateConfig}.
 *
 * New server processes join through `lab add observer|voter` (Simulation.addProcess with
 * zookeeperModule.joinConfig: a zoo.cfg of the servers so far plus itself, no dynamic file).
 */
import type { LearnerType, QuorumConfig, Sid } from '../types.ts';

export type ServerRole = 'participant' | 'observer';

/** QuorumPeer.QuorumServer, as far as the lab needs it. */
export interface QuorumServerSpec {
  sid: Sid;
  host: string;
  quorumPort: number;
  electionPort: number;
  role: ServerRole;
  clientHost: string;
  clientPort: number;
}

/** A QuorumVerifier (always a QuorumMaj here): its members and version. */
export interface DynamicConfig {
  servers: QuorumServerSpec[];
  version: number;
}

/** The lab's own addresses for server N. */
export function labServer(sid: Sid, role: ServerRole): QuorumServerSpec {
  return { sid, host: `zk${sid}`, quorumPort: 2888, electionPort: 3888, role, clientHost: `zk${sid}`, clientPort: 2181 };
}

/** The peer's active QuorumVerifier: the activated one, else the static config's members. */
export function activeConfig(config: QuorumConfig): DynamicConfig {
  if (config.dynamic) return config.dynamic;
  const servers = [...config.voters.map((s) => labServer(s, 'participant')), ...config.observers.map((s) => labServer(s, 'observer'))];
  return { servers: servers.sort((a, b) => a.sid - b.sid), version: 0 };
}

/** QuorumServer.toString() */
export function serverLine(s: QuorumServerSpec): string {
  return `server.${s.sid}=${s.host}:${s.quorumPort}:${s.electionPort}:${s.role};${s.clientHost}:${s.clientPort}`;
}

/** QuorumMaj.toString(): the text of /zookeeper/config. */
export function configText(d: DynamicConfig): string {
  return [...[...d.servers].sort((a, b) => a.sid - b.sid).map(serverLine), `version=${d.version.toString(16)}`].join('\n');
}

export function votersOf(d: DynamicConfig): Sid[] {
  return d.servers.filter((s) => s.role === 'participant').map((s) => s.sid).sort((a, b) => a - b);
}

export function observersOf(d: DynamicConfig): Sid[] {
  return d.servers.filter((s) => s.role === 'observer').map((s) => s.sid).sort((a, b) => a - b);
}

/** What a peer's config becomes when it activates `d` (QuorumPeer.setQuorumVerifier). */
export function withConfig(config: QuorumConfig, d: DynamicConfig): QuorumConfig {
  return { ...config, voters: votersOf(d), observers: observersOf(d), dynamic: d };
}

/**
 * QuorumPeer.updateLearnerType: this server's learner type under `d`; a server `d` does not name
 * becomes a PARTICIPANT ("Becoming a non-voting participant": it follows, and its ACKs count for
 * nothing) — so a removed observer reports `Mode: follower`, as recorded.
 */
export function learnerTypeIn(d: DynamicConfig, sid: Sid, _current: LearnerType): LearnerType {
  const s = d.servers.find((x) => x.sid === sid);
  if (!s) return 'PARTICIPANT';
  return s.role === 'observer' ? 'OBSERVER' : 'PARTICIPANT';
}

// ------------------------------------------------------------------ parsing (QuorumServer)

/** A zoo.cfg problem (QuorumPeerConfig.ConfigException): becomes BadArguments. */
export class ConfigException extends Error {}

/** The Java exception that escapes pRequest2Txn (Long.parseLong, Integer.parseInt…): MarshallingError. */
export class NumberFormatException extends Error {}

/** Java's String.split(regex): trailing empty strings are removed. */
function javaSplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** org.apache.zookeeper.common.StringUtils.split: split, trim, drop empty pieces. */
export function zkSplit(value: string, sep: string): string[] {
  return value.split(sep).map((x) => x.trim()).filter((x) => x.length > 0);
}

/** Long.parseLong (decimal). */
export function parseLong(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new NumberFormatException(`For input string: "${s}"`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new NumberFormatException(`For input string: "${s}"`);
  return n;
}

/** Integer.parseInt inside QuorumServer: a bad port is "Address unresolved" (ConfigException). */
function port(host: string, s: string | undefined): number {
  if (s === undefined || !/^[+-]?\d+$/.test(s) || Math.abs(Number(s)) > 0x7fffffff) throw new ConfigException(`Address unresolved: ${host}:${s ?? ''}`);
  const n = Number(s);
  // new InetSocketAddress(host, port): IllegalArgumentException (port out of range) escapes
  if (n < 0 || n > 0xffff) throw new NumberFormatException(`port out of range:${n}`);
  return n;
}

/** new QuorumServer(sid, addressStr): `host:port:port[:type][;[clientHost:]clientPort]`. */
export function parseQuorumServer(sid: Sid, addressStr: string): QuorumServerSpec {
  const wrong = `${addressStr} does not have the form server_config or server_config;client_config where server_config is host:port:port or host:port:port:type and client_config is port or host:port`;
  const serverClientParts = javaSplit(addressStr, ';');
  let clientHost: string | null = null;
  let clientPort: number | null = null;
  if (serverClientParts.length === 2) {
    const clientParts = javaSplit(serverClientParts[1] ?? '', ':');
    if (clientParts.length > 2) throw new ConfigException(wrong);
    clientHost = clientParts.length === 2 ? (clientParts[0] ?? '') : '0.0.0.0';
    clientPort = port(clientHost, clientParts[clientParts.length - 1]);
  }
  const serverParts = javaSplit(serverClientParts[0] ?? '', ':');
  if (serverClientParts.length > 2 || serverParts.length < 3 || serverParts.length > 4) throw new ConfigException(wrong);
  const host = serverParts[0] ?? '';
  const quorumPort = port(host, serverParts[1]);
  const electionPort = port(host, serverParts[2]);
  if (quorumPort === electionPort) throw new ConfigException(`Client and election port must be different! Please update the configuration file on server.${sid}`);
  let role: ServerRole = 'participant';
  if (serverParts.length === 4) {
    const t = (serverParts[3] ?? '').toLowerCase();
    if (t === 'observer') role = 'observer';
    else if (t !== 'participant') throw new ConfigException(`Unrecognised peertype: ${serverParts[3] ?? ''}`);
  }
  if (clientHost === null || clientPort === null) {
    // pRequest2Txn: "Wrong format of server string - each server should have 3 ports specified"
    throw new ConfigException('Wrong format of server string - each server should have 3 ports specified');
  }
  return { sid, host, quorumPort, electionPort, role, clientHost, clientPort };
}

/** QuorumServer.checkAddressDuplicate */
function checkAddressDuplicate(a: QuorumServerSpec, b: QuorumServerSpec): void {
  const mine = [`${a.host}:${a.quorumPort}`, `${a.host}:${a.electionPort}`];
  const theirs = [`${b.host}:${b.quorumPort}`, `${b.host}:${b.electionPort}`];
  if (mine.some((x) => theirs.includes(x))) throw new ConfigException(`Server ${a.sid} has an address in common with server ${b.sid}`);
}

// ------------------------------------------------------------------ pRequest2Txn's reconfig case

/** ReconfigRequest */
export interface ReconfigRequest {
  joiningServers: string | null;
  leavingServers: string | null;
  newMembers: string | null;
  curConfigId: number;
}

/** What the leader knows when it prepares a reconfig. */
export interface ReconfigContext {
  /** self.getLastSeenQuorumVerifier() */
  lastSeen: DynamicConfig;
  /** self.getQuorumVerifier(): its version (a reconfig between proposal and commit is "in progress"). */
  activeVersion: number;
  /** Leader.isQuorumSynced's candidates: the leader and its synced forwarding followers. */
  synced: Sid[];
  leaderSid: Sid;
}

/** The outcome: the next config, or the KeeperException code (with the MarshallingError of an escaping Java exception). */
export type ReconfigOutcome = { ok: true; next: DynamicConfig } | { ok: false; code: number };

const Code = { RECONFIGINPROGRESS: -14, NEWCONFIGNOQUORUM: -13, BADARGUMENTS: -8, BADVERSION: -103, MARSHALLINGERROR: -5 } as const;

/**
 * PrepRequestProcessor.pRequest2Txn, `case OpCode.reconfig` (after the reconfigEnabled and session
 * checks, before the ACL check on /zookeeper/config): the QuorumVerifier the txn will carry, with
 * version = the txn's zxid.
 */
export function prepareReconfig(req: ReconfigRequest, rc: ReconfigContext, zxid: number): ReconfigOutcome {
  const fail = (code: number): ReconfigOutcome => ({ ok: false, code });
  try {
    if (rc.lastSeen.version !== rc.activeVersion) return fail(Code.RECONFIGINPROGRESS);
    if (req.curConfigId !== -1 && req.curConfigId !== rc.lastSeen.version) return fail(Code.BADVERSION);
    let servers: QuorumServerSpec[];
    if (req.newMembers !== null) {
      // non-incremental: commas or newlines; Properties.load + QuorumPeerConfig.parseDynamicConfig
      servers = [];
      for (const line of req.newMembers.replace(/,/g, '\n').split('\n')) {
        const l = line.trim();
        if (l === '' || l.startsWith('#')) continue;
        const i = l.search(/[=:]/);
        const key = i < 0 ? l : l.substring(0, i).trim();
        const value = i < 0 ? '' : l.substring(i + 1).trim();
        if (!key.startsWith('server.')) {
          if (key === 'version') continue;
          return fail(Code.BADARGUMENTS);
        }
        const sid = parseLong(key.substring(key.indexOf('.') + 1));
        servers = servers.filter((s) => s.sid !== sid);
        servers.push(parseQuorumServer(sid, value));
      }
    } else {
      const next = new Map<Sid, QuorumServerSpec>(rc.lastSeen.servers.map((s) => [s.sid, s]));
      if (req.leavingServers !== null) for (const leaving of zkSplit(req.leavingServers, ',')) next.delete(parseLong(leaving));
      if (req.joiningServers !== null) {
        for (const joiner of zkSplit(req.joiningServers, ',')) {
          // joiner: server.x=server_spec;client_spec
          const parts = zkSplit(joiner, '=');
          if (parts.length !== 2) return fail(Code.BADARGUMENTS);
          const p0 = parts[0] ?? '';
          const sid = parseLong(p0.substring(p0.lastIndexOf('.') + 1));
          const qs = parseQuorumServer(sid, parts[1] ?? '');
          for (const other of next.values()) if (other.sid !== qs.sid) checkAddressDuplicate(qs, other);
          next.delete(qs.sid);
          next.set(qs.sid, qs);
        }
      }
      servers = [...next.values()];
    }
    const d: DynamicConfig = { servers: servers.sort((a, b) => a.sid - b.sid), version: zxid };
    // standaloneEnabled=false (as recorded): "Reconfig failed - new configuration must include at least 1 follower"
    const voters = votersOf(d);
    if (voters.length < 1) return fail(Code.BADARGUMENTS);
    // Leader.isQuorumSynced(qv): the leader (if a voter of qv) and its synced followers that are voters of qv
    const ids = rc.synced.filter((s) => voters.includes(s));
    if (!(ids.length > Math.floor(voters.length / 2))) return fail(Code.NEWCONFIGNOQUORUM);
    return { ok: true, next: d };
  } catch (e) {
    if (e instanceof ConfigException) return fail(Code.BADARGUMENTS);
    if (e instanceof NumberFormatException) return fail(Code.MARSHALLINGERROR);
    throw e;
  }
}
