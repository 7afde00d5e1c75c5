/**
 * A lab run in this thread, for tests, scenario scripts, lessons in CI and fast-forward: a
 * LabRuntime on an InProcessHost, with the invariant checkers attached and a tiny client that
 * can submit writes. The same `lab …` commands as the console drive it.
 */
import type { Sid } from '../protocol/types.ts';
import type { ClientReply, ClientRequest } from '../protocol/zab/Zab.ts';
import { runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { InvariantChecker } from '../protocol/checkers/invariants.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../protocol/config.ts';
import { InProcessHost } from './inProcessHost.ts';
import { zkSim, type ZkSimulation } from '../protocol/zookeeper.ts';
import type { QuorumPeer } from '../protocol/QuorumPeer.ts';
import { LabRuntime } from './runtime.ts';

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

export class HeadlessLab {
  readonly runtime: LabRuntime;
  private host!: InProcessHost;
  checker!: InvariantChecker;
  readonly replies: Array<{ sid: Sid; reply: ClientReply }> = [];
  /**
   * What the processes of a protocol without zkCli (Paxos, Multi-Paxos) answered to the console's
   * requests (`propose …`), with the simulated time (ZooKeeper's replies are in `replies`).
   */
  readonly processReplies: Array<{ sid: Sid; t: number; reply: unknown }> = [];
  private cxid = 0;
  private writes = 0;
  private sessions = 0;

  constructor(config: Partial<LabConfig> = {}, private readonly checkEvery = 1) {
    this.runtime = new LabRuntime({ ...DEFAULT_LAB_CONFIG, ...config }, () => {
      this.host = new InProcessHost();
      return this.host;
    });
    this.hook();
    this.runtime.externalInvariants = () => (this.checkEvery > 0 ? this.checker.statuses() : []);
  }

  /** (Re)attaches checkers and reply capture to the current simulation (rewinds replace it). */
  private hook(): void {
    const sim = this.sim;
    // checkEvery 0: no checkers (benchmarks measure the simulation alone).
    this.checker = new InvariantChecker((sid) => this.peer(sid), Math.max(1, this.checkEvery));
    // A protocol with a checker of its own is checked by the runtime; ZooKeeper's needs the servers' states.
    if (this.checkEvery > 0 && !this.runtime.hasOwnChecker) this.checker.attach(sim);
    const own = !this.runtime.protocol.hasZkCli;
    sim.onReply = (sid, reply) => {
      this.replies.push({ sid, reply: reply as ClientReply });
      if (own) this.processReplies.push({ sid, t: sim.now, reply });
    };
  }

  get sim(): ZkSimulation {
    return zkSim(this.runtime.sim);
  }

  peer(sid: Sid): QuorumPeer | undefined {
    return this.host.peer<QuorumPeer>(sid);
  }

  /** Every violation found so far (a few per invariant), by whichever checker runs here. */
  violations(): Array<{ invariant: string; t: number; message: string }> {
    return this.runtime.violations() ?? this.checker.violations;
  }

  /** Runs a console line of the protocol's own (`propose p1 x`) and returns its output lines. */
  async command(line: string): Promise<string[]> {
    return (await runProtocolLine(this.runtime, line)).lines;
  }

  /** Runs a `lab …` command (the prefix is optional) and returns its output lines. */
  async lab(command: string): Promise<string[]> {
    const line = command.startsWith('lab') ? command : `lab ${command}`;
    const gen = this.runtime.generation;
    const reply = await runLabCommand(this.runtime, line);
    if (this.runtime.generation !== gen) this.hook();
    return reply.lines;
  }

  /** A client of server `sid` creates `count` nodes /w1, /w2 … (one persistent create each). */
  async write(sid: Sid, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      this.writes += 1;
      await this.runtime.apply({ type: 'request', sid, req: {
        sessionId: 0x5ca1ab1en,
        cxid: ++this.cxid,
        authInfo: [],
        request: { type: 'create', path: `/w${this.writes}`, data: new TextEncoder().encode(String(this.writes)), acl: OPEN_ACL, mode: 'PERSISTENT' },
      } });
    }
  }

  /**
   * What one zkCli run does (`zkCli.sh -server zkS` with `create` lines, then `quit`): a new
   * session on server `sid` (a createSession txn), `creates` persistent creates /wN, and
   * closeSession — creates + 2 txns, so zxids line up with a real ensemble. The session id is
   * fresh for every call. Returns the session id and the cxids used (to find the replies).
   * Requests are queued on the server at the current moment in order; run the simulation to let
   * them commit.
   */
  clientSession(sid: Sid, creates: number, timeOutMs = 30000): { sessionId: bigint; cxids: number[] } {
    this.sessions += 1;
    // Like SessionTrackerImpl.initializeNextSessionId: the connected server's sid in the top byte.
    const sessionId = (BigInt(sid) << 56n) + BigInt(this.sessions);
    const cxids: number[] = [];
    const submit = (request: ClientRequest['request']): void => {
      const cxid = ++this.cxid;
      cxids.push(cxid);
      this.runtime.apply({ type: 'request', sid, req: { sessionId, cxid, authInfo: [], request } });
    };
    submit({ type: 'createSession', timeOut: timeOutMs });
    for (let i = 0; i < creates; i++) {
      this.writes += 1;
      submit({ type: 'create', path: `/w${this.writes}`, data: new TextEncoder().encode('x'), acl: OPEN_ACL, mode: 'PERSISTENT' });
    }
    submit({ type: 'closeSession' });
    return { sessionId, cxids };
  }

  /** A client of server `sid` sends `sync`. */
  async sync(sid: Sid, path = '/'): Promise<void> {
    await this.runtime.apply({ type: 'request', sid, req: { sessionId: 0x5ca1ab1en, cxid: ++this.cxid, authInfo: [], request: { type: 'sync', path } } });
  }

  dispose(): void {
    this.runtime.dispose();
  }
}
