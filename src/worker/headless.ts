/**
 * A lab run in this thread, for tests, scenario scripts, lessons in CI and fast-forward: a
 * LabRuntime on an InProcessHost, with the invariant checkers attached and a tiny client that
 * can submit writes. The same `lab …` commands as the console drive it.
 */
import type { Sid } from '../protocol/types.ts';
import type { ClientReply } from '../protocol/zab/Zab.ts';
import { runLabCommand } from '../cli/lab.ts';
import { InvariantChecker } from '../sim/checkers/invariants.ts';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../sim/config.ts';
import { InProcessHost } from './inProcessHost.ts';
import { LabRuntime } from './runtime.ts';

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

export class HeadlessLab {
  readonly runtime: LabRuntime;
  private host!: InProcessHost;
  checker!: InvariantChecker;
  readonly replies: Array<{ sid: Sid; reply: ClientReply }> = [];
  private cxid = 0;
  private writes = 0;

  constructor(config: Partial<LabConfig> = {}, private readonly checkEvery = 1) {
    this.runtime = new LabRuntime({ ...DEFAULT_LAB_CONFIG, ...config }, () => {
      this.host = new InProcessHost();
      return this.host;
    });
    this.hook();
  }

  /** (Re)attaches checkers and reply capture to the current simulation (rewinds replace it). */
  private hook(): void {
    const sim = this.runtime.sim;
    this.checker = new InvariantChecker((sid) => this.host.peer(sid), this.checkEvery).attach(sim);
    sim.onReply = (sid, reply) => this.replies.push({ sid, reply });
  }

  get sim() {
    return this.runtime.sim;
  }

  peer(sid: Sid) {
    return this.host.peer(sid);
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
  write(sid: Sid, count: number): void {
    for (let i = 0; i < count; i++) {
      this.writes += 1;
      this.runtime.apply({ type: 'request', sid, req: {
        sessionId: 0x5ca1ab1en,
        cxid: ++this.cxid,
        authInfo: [],
        request: { type: 'create', path: `/w${this.writes}`, data: new TextEncoder().encode(String(this.writes)), acl: OPEN_ACL, mode: 'PERSISTENT' },
      } });
    }
  }

  /** A client of server `sid` sends `sync`. */
  sync(sid: Sid, path = '/'): void {
    this.runtime.apply({ type: 'request', sid, req: { sessionId: 0x5ca1ab1en, cxid: ++this.cxid, authInfo: [], request: { type: 'sync', path } } });
  }

  dispose(): void {
    this.runtime.dispose();
  }
}
