/**
 * Data-driven scenario scripts with golden output (the etcd-io/raft `testdata` habit):
 *
 *   # comment
 *   new voters=3 seed=7
 *   ----
 *   ok
 *
 *   kill 3
 *   ----
 *   zk3 killed
 *
 * Each block is one command, `----`, and the expected output. Commands are `lab` commands
 * without the prefix, plus these directives: `new key=value…` (a fresh lab, settings as in a URL:
 * `new protocol=paxos acceptors=3 seed=1`), `check` (the invariant violations so far), and
 *  - ZooKeeper: `write S N`, `sync S`, `replies`, `get S PATH`, `history`, `events [kinds]`
 *    (ZAB milestones), `zkcli LINE` (a line typed into one zkCli session on zk1; what it printed);
 *  - a protocol module (Paxos, Multi-Paxos): its own commands (`propose p1 x`), `replies` (what
 *    its processes answered since the last `replies`, as the console words it), `events [kinds]`
 *    (its events since the last `events`, in English) and `count [TYPE…]` (packets delivered and
 *    dropped per type); `log [TYPE…]` is the lab's own (processes by name, the packets' fields).
 * Set REWRITE=1 to rewrite the expected outputs from what the lab prints.
 */
import { hex } from '../protocol/zxid.ts';
import { formatTime, serverName } from '../cli/lab.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { checkHistory, historyFromTrace } from '../protocol/checkers/history.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { renderText } from '../sim/module.ts';
import { zkLogText } from '../protocol/zkLog.ts';

export interface Block {
  command: string;
  expected: string;
  /** 1-based line of the command in the file. */
  line: number;
}

export function parseScript(text: string): { header: string[]; blocks: Block[] } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  const header: string[] = [];
  let i = 0;
  let pendingComments: string[] = [];
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) {
      if (blocks.length === 0) header.push(line);
      else pendingComments.push(line);
      i++;
      continue;
    }
    const command = line.trim();
    const start = i + 1;
    i++;
    if (lines[i] !== '----') throw new Error(`line ${i + 1}: expected ---- after "${command}"`);
    i++;
    const out: string[] = [];
    while (i < lines.length && lines[i] !== '') {
      out.push(lines[i]!);
      i++;
    }
    blocks.push({ command, expected: out.join('\n'), line: start });
    pendingComments = [];
  }
  void pendingComments;
  return { header, blocks };
}

export class ScriptRunner {
  lab: HeadlessLab | null = null;
  private repliesSeen = 0;
  private traceSeen = 0;
  /** `zkcli LINE`: one zkCli session on zk1 per lab (opened by its first line). */
  private zkcli: { cli: ZkCli; client: LabZkClient } | null = null;
  /** What the checkers found in each lab a later `new` closed, in order (each lab is checked after every event). */
  private readonly closedViolations: Array<Array<{ invariant: string; t: number; message: string }>> = [];

  /** Per lab this script opened (in the order of its `new` lines, the current one last), every violation found. */
  violations(): Array<Array<{ invariant: string; t: number; message: string }>> {
    return [...this.closedViolations, ...(this.lab ? [this.lab.violations()] : [])];
  }

  async run(command: string): Promise<string> {
    const [word, ...args] = command.split(/\s+/);
    if (word === 'new') {
      if (this.lab) {
        this.closedViolations.push(this.lab.violations());
        this.lab.dispose();
        this.lab = null;
      }
      // key=value, split at the first '=' (a superDigest value ends in '=').
      const { config, errors } = parseLabConfig(args.map((a) => {
        const i = a.indexOf('=');
        return (i < 0 ? [a, ''] : [a.slice(0, i), a.slice(i + 1)]) as [string, string];
      }));
      if (errors.length > 0) return errors.join('\n');
      this.lab = new HeadlessLab(config);
      this.zkcli = null;
      this.repliesSeen = 0;
      this.traceSeen = 0;
      return 'ok';
    }
    const lab = this.lab;
    if (!lab) return 'error: no lab (start with new)';
    let out: string[];
    switch (word) {
      case 'write':
        await lab.write(Number(args[0]), Number(args[1] ?? 1));
        out = [`submitted ${args[1] ?? 1} write(s) to zk${args[0]}`];
        break;
      case 'sync':
        await lab.sync(Number(args[0]));
        out = [`submitted sync to zk${args[0]}`];
        break;
      case 'replies':
        if (!lab.runtime.protocol.hasZkCli) {
          // A protocol module's answers to `propose …` since the last `replies`, as the console words them.
          const protocol = lab.runtime.protocol;
          out = lab.processReplies.slice(this.repliesSeen).map(({ sid, t, reply }) => `${formatTime(t)} ${protocol.replyText(lab.runtime.sim, sid, reply)}`);
          this.repliesSeen = lab.processReplies.length;
          if (out.length === 0) out = ['(none)'];
          break;
        }
        out = lab.replies.slice(this.repliesSeen).map(({ sid, reply }) =>
          `zk${sid} -> client: cxid=${reply.cxid} ${reply.type} ${reply.err === 0 ? 'ok' : `err=${reply.err}`} zxid=${hex(reply.zxid)}`);
        this.repliesSeen = lab.replies.length;
        if (out.length === 0) out = ['(none)'];
        break;
      case 'events': {
        const protocol = lab.runtime.protocol;
        if (protocol.id !== 'zookeeper') {
          // A protocol module's events since the last `events` (of these kinds, if given), in English.
          out = [];
          const trace = lab.runtime.sim.trace;
          for (let i = this.traceSeen; i < trace.length; i++) {
            const e = trace[i]!;
            if (e.kind !== 'event') continue;
            const kind = (e.event as { kind?: string }).kind ?? '';
            if (args.length > 0 && !args.includes(kind)) continue;
            const st = protocol.eventText(e.event);
            if (st) out.push(`${formatTime(e.t)} ${renderText(st, protocol.text.en)}`);
          }
          this.traceSeen = trace.length;
          if (out.length === 0) out = ['(none)'];
          break;
        }
        // ZAB milestones since the last `events`: sync modes, establishment, role changes.
        const kinds = new Set(args.length > 0 ? args : ['state', 'established', 'sync']);
        out = [];
        const trace = lab.sim.trace;
        for (let i = this.traceSeen; i < trace.length; i++) {
          const e = trace[i]!;
          if (e.kind !== 'event' || !kinds.has(e.event.kind)) continue;
          const ev = e.event;
          const who = serverName(e.sid);
          if (ev.kind === 'state') out.push(`${formatTime(e.t)} ${who} ${ev.from} -> ${ev.to}${ev.reason ? ` (${zkLogText(ev.reason)})` : ''}`);
          else if (ev.kind === 'established') out.push(`${formatTime(e.t)} ${who} established in epoch ${ev.epoch}`);
          else if (ev.kind === 'sync') out.push(`${formatTime(e.t)} ${who} syncs ${serverName(ev.learner)} with ${ev.mode} (peerLastZxid ${hex(ev.peerLastZxid)})`);
          else if (ev.kind === 'applied' || ev.kind === 'proposed') out.push(`${formatTime(e.t)} ${who} ${ev.kind} ${hex(ev.zxid)}`);
          else if (ev.kind === 'zab') out.push(`${formatTime(e.t)} ${who} ${zkLogText(ev.log)}`);
        }
        this.traceSeen = trace.length;
        if (out.length === 0) out = ['(none)'];
        break;
      }
      case 'get': {
        // What a read on that server returns right now (its own tree: a lagging follower is stale).
        const peer = lab.peer(Number(args[0]));
        const path = args[1] ?? '/';
        const node = peer?.zab.db?.tree.nodes.get(path);
        out = [!peer ? `zk${args[0]} is down` : !node ? `Node does not exist: ${path}` : node.data === null ? 'null' : new TextDecoder().decode(node.data)];
        break;
      }
      case 'history': {
        // The `lab client` sessions' operations from the trace, and what the history checker says.
        const ops = historyFromTrace(lab.sim.trace);
        const dec = (v: string | null | undefined) => (v === undefined ? '' : v === null ? ' → none' : ` "${v}"`);
        out = ops.map((o) => `#${o.id} ${o.client} ${o.kind} ${o.path}${dec(o.value)} ${formatTime(o.invoke)}–${o.complete === null ? '?' : formatTime(o.complete)} ${o.result}${o.zxid === undefined ? '' : ` zxid=${hex(o.zxid)}`}`);
        const report = checkHistory(ops);
        out.push(...(report.violations.length === 0 ? ['history holds'] : report.violations.map((v) => `HISTORY ${v.check}: ${v.message}`)));
        break;
      }
      case 'propose':
      case 'begin':
      case 'vote':
        out = await lab.command(command);
        break;
      case 'count': {
        if (lab.runtime.protocol.id === 'zookeeper') {
          out = await lab.lab(command);
          break;
        }
        // A protocol module's packets (of these types, if given): how many of each type were
        // delivered and how many the network dropped (lost, cut, or the target down).
        const types = new Set(args.map((a) => a.toUpperCase()));
        const delivered = new Map<string, number>();
        const dropped = new Map<string, number>();
        for (const e of lab.runtime.sim.trace) {
          if (e.kind !== 'deliver' && e.kind !== 'drop') continue;
          const type = (e.msg as { type?: string } | null)?.type;
          if (type === undefined || (types.size > 0 && !types.has(type))) continue;
          const tally = e.kind === 'deliver' ? delivered : dropped;
          tally.set(type, (tally.get(type) ?? 0) + 1);
        }
        const kinds = types.size > 0 ? [...types] : [...new Set([...delivered.keys(), ...dropped.keys()])].sort();
        out = kinds.map((k) => `${k}: ${delivered.get(k) ?? 0} delivered, ${dropped.get(k) ?? 0} dropped`);
        if (out.length === 0) out = ['(none)'];
        break;
      }
      case 'zkcli': {
        // a zkCli line typed on zk1 (the console's client): what it printed, events included
        if (!this.zkcli) {
          this.zkcli = { cli: new ZkCli({ server: 'zk1:2181', jline: false }), client: new LabZkClient(lab.runtime, { drive: () => true }) };
          await this.zkcli.cli.startup(this.zkcli.client);
          this.zkcli.cli.takeAsyncOutput();
        }
        const printed = [...(await this.zkcli.cli.execute(args.join(' '), this.zkcli.client)), ...this.zkcli.cli.takeAsyncOutput()];
        out = printed.map((l) => l.text).filter((t) => t !== ''); // a blank line would end the block
        if (out.length === 0) out = ['(nothing printed)'];
        break;
      }
      case 'check': {
        const v = lab.violations();
        out = v.length === 0 ? ['invariants hold'] : v.map((x) => `VIOLATION ${x.invariant} at ${formatTime(x.t)}: ${x.message}`);
        break;
      }
      default:
        out = await lab.lab(command);
    }
    return out.join('\n');
  }
}
