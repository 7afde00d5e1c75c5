/**
 * The reconfig transcripts recorded from a real 3.8.0 ensemble (src/protocol/testdata/real-reconfig,
 * scripts/real-zk/README.md "reconfig.sh") replayed through the console on a simulated 3-voter
 * ensemble with reconfigEnabled=true and the recordings' superDigest. Addresses are the lab's:
 * `{QN}` = zkN:2888:3888, `{CN}` = zkN:2181 (the recording's 127.0.0.1:331NN:332NN / 127.0.0.1:330NN);
 * `mtime` lines are masked (the README: the wall time of the commit). `dataLength` follows the text.
 * Scripts listed in SKIPPED need what the lab does not have yet (see the reasons).
 * `#kill2` scripts kill zk2 first (a voter the joiner's zoo.cfg names is down).
 * `#observer4` / `#voter4` scripts start a 4th server once the three have elected, as the recording
 * does (scripts/real-zk/reconfig.sh zk_join): `lab add observer` / `lab add voter` — a new server
 * whose zoo.cfg lists the three and itself — then the script once it follows.
 * Before the script, each server's Mode and Zxid are those the recording saw (before.txt): a
 * joining observer reports `follower` until it is added — it adopts the ensemble's newer config,
 * which does not name it (QuorumPeer.updateLearnerType).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTranscript, formatMismatches, runMarkedScript, scriptLinesOf, splitLines, type CliRunner } from '../cli/zkcli/conformance.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { zkSim } from '../protocol/zookeeper.ts';
import type { PeerView } from '../protocol/QuorumPeer.ts';
import { runLabCommand } from '../cli/lab.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

const dir = join(import.meta.dirname, '../protocol/testdata/real-reconfig');

/** What the lab cannot replay yet, and why. */
const SKIPPED: Record<string, string> = {};

const super_ = 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=';

/** The recording's addresses → the lab's. */
function labText(l: string): string {
  return l
    .replace(/\{Q(\d+)\}/g, 'zk$1:2888:3888').replace(/\{C(\d+)\}/g, 'zk$1:2181')
    .replace(/127\.0\.0\.1:331(\d\d):332\d\d/g, (_, n: string) => `zk${Number(n)}:2888:3888`)
    .replace(/127\.0\.0\.1:331(\d\d)/g, (_, n: string) => `zk${Number(n)}:2888`)
    .replace(/127\.0\.0\.1:330(\d\d)/g, (_, n: string) => `zk${Number(n)}:2181`);
}

/** Expected output in the lab's addresses: config blocks mapped, dataLength recomputed, mtime masked. */
function expectedOf(lines: string[], disabled: boolean): string[] {
  const out: string[] = [];
  let block: string[] = [];
  let recorded: string[] = [];
  for (const l of lines) {
    if (/^server\.\d+=/.test(l) || /^version=/.test(l)) {
      if (!/^server|^version/.test(out[out.length - 1] ?? '')) { block = []; recorded = []; }
      recorded.push(l);
      // a disabled lab keeps the pre-3.5 form (no client part), as the other conformance transcripts
      const m = disabled ? labText(l).replace(/;zk\d+:2181$/, '') : labText(l);
      block.push(m);
      out.push(m);
      continue;
    }
    const dl = /^dataLength = (\d+)$/.exec(l);
    if (dl && Number(dl[1]) === new TextEncoder().encode(recorded.join('\n')).length) {
      out.push(`dataLength = ${new TextEncoder().encode(block.join('\n')).length}`);
      continue;
    }
    out.push(l.startsWith('mtime = ') ? 'mtime = *' : labText(l));
  }
  return out;
}

async function runner(disabled: boolean, joinAs: 'observer' | 'voter' | null, kill2 = false): Promise<{ runner: CliRunner; lab: HeadlessLab }> {
  const settings: Array<[string, string]> = [['voters', '3'], ['seed', '1'], ['superDigest', super_]];
  if (!disabled) settings.push(['reconfigEnabled', 'true']);
  const { config, errors } = parseLabConfig(settings);
  if (errors.length > 0) throw new Error(errors.join('; '));
  const lab = new HeadlessLab(config);
  await lab.runtime.runFor(3000);
  // `#kill2`: a voter the joiner's zoo.cfg names is down (it follows as a non-voting follower all the same)
  if (kill2) {
    const reply = await runLabCommand(lab.runtime, 'lab kill 2');
    if (reply.error) throw new Error(reply.lines.join('\n'));
    await lab.runtime.runFor(500);
  }
  if (joinAs) {
    const reply = await runLabCommand(lab.runtime, `lab add ${joinAs}`);
    if (reply.error) throw new Error(reply.lines.join('\n'));
    await lab.runtime.runFor(3000);
  }
  const client = new LabZkClient(lab.runtime, { drive: () => true });
  const cli = new ZkCli({ server: 'zk1:2181', jline: false });
  return {
    lab,
    runner: {
      startup: () => cli.startup(client),
      execute: async (line) => {
        const r = await cli.execute(labText(line), client);
        return r;
      },
      drain: () => cli.takeAsyncOutput(),
    },
  };
}

/** `srvr`'s Mode and the last logged zxid, as the recordings print them. */
function modeOf(v: PeerView | null | undefined): string {
  return v === null || v === undefined ? 'down' : `${v.state === 'LEADING' ? 'leader' : v.state === 'OBSERVING' ? 'observer' : v.state === 'FOLLOWING' ? 'follower' : 'looking'} 0x${v.lastLoggedZxid.toString(16)}`;
}

const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.zk')).sort() : [];

describe('reconfig transcripts (real 3.8.0) against the simulated ensemble', () => {
  for (const name of names) {
    const base = name.replace(/\.zk$/, '');
    it.skipIf(base in SKIPPED)(base, async () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const disabled = text.split('\n').includes('#disabled');
      const script = scriptLinesOf(text);
      const headers = text.split('\n');
      const joinRole = headers.includes('#observer4') ? 'observer' : headers.includes('#voter4') ? 'voter' : null;
      const { runner: r, lab } = await runner(disabled, joinRole, headers.includes('#kill2'));
      // before.txt: `name: zk1 follower 0x0 | zk2 follower 0x100000000 | …`: each server's Mode as the
      // recording saw the ensemble before the script (its Zxid is srvr's, the last processed one,
      // which a server's empty log does not show: only the modes are compared)
      const before = readFileSync(join(dir, 'before.txt'), 'utf8').split('\n').find((l) => l.startsWith(`${base}: `));
      if (before) {
        const got = [...zkSim(lab.runtime.sim).servers.values()].map((s) => `zk${s.sid} ${modeOf(s.up ? s.view : null).split(' ')[0]!}`);
        expect(got, `${base} before the script`).toEqual(before.slice(base.length + 2).split(' | ').map((g) => g.split(' ').slice(0, 2).join(' ')));
      }
      const expected = expectedOf(splitLines(readFileSync(join(dir, `${base}.out`), 'utf8')), disabled);
      const actual = (await runMarkedScript(script, r)).map((l) => (l.startsWith('mtime = ') ? 'mtime = *' : l));
      const ms = compareTranscript(script, expected, actual);
      expect(ms, formatMismatches(name, ms)).toEqual([]);
      // .real: each server's Mode and Zxid some seconds after the session closed
      await lab.runtime.runFor(4000);
      const real = readFileSync(join(dir, `${base}.real`), 'utf8').trim().split('\n');
      for (const line of real) {
        const [sid, mode, zxid] = line.split(' ');
        const s = zkSim(lab.runtime.sim).servers.get(Number(sid));
        if (!s) { expect(mode, line).toBe('down'); continue; }
        expect(modeOf(s.up ? s.view : null), `${base} server ${sid}`).toBe(zxid === undefined ? mode : `${mode} ${zxid}`);
      }
      // the ZooKeeper invariants (one leader per epoch across configs, …) held all along
      expect(lab.violations()).toEqual([]);
    });
  }
});
