/**
 * `lab help` lists the lab's commands and, in a lab of a protocol with its own console commands,
 * those commands with one line each (the registry's `usage`): 2PC's and 3PC's `begin T` and
 * `vote pK no|yes` the way Paxos lists `propose P VALUE`.
 */
import { describe, expect, test } from 'vitest';
import { parseLabConfig } from '../protocol/config.ts';
import { ALL_PROTOCOLS } from '../protocol/registry.ts';
import { HeadlessLab } from '../worker/headless.ts';
import { LAB_USAGE } from './lab.ts';

async function help(protocol: string): Promise<string[]> {
  const lab = new HeadlessLab(parseLabConfig([['protocol', protocol], ['seed', '1']]).config);
  const lines = await lab.lab('lab help');
  lab.dispose();
  return lines;
}

describe('lab help', () => {
  for (const id of ['2pc', '3pc'] as const) {
    test(`${id}: lists begin T and vote pK no|yes, each with what it does`, async () => {
      const lines = await help(id);
      expect(lines).toContain(`${id.toUpperCase()} (besides the lab commands):`);
      const entry = (cmd: string) => lines.find((l) => l.startsWith(`\t${cmd}   (`));
      expect(entry('begin T')).toMatch(/^\tbegin T {3}\(coordinator c starts transaction T: .+\)$/);
      expect(entry('vote pK no')).toMatch(/^\tvote pK no {3}\(participant pK votes no on the next transaction .+\)$/);
      expect(entry('vote pK yes')).toMatch(/^\tvote pK yes {3}\(undoes vote pK no: .+\)$/);
      // The lab's own commands are there too; ZooKeeper's and Paxos's are not.
      expect(lines).toContain('\tlab kill S [S…]');
      expect(lines.some((l) => l.includes('lab 4lw') || l.includes('propose'))).toBe(false);
    });
  }

  test('every protocol lists each of its own console commands (Tab completion\'s words) with an explanation', async () => {
    for (const p of ALL_PROTOCOLS) {
      const lines = await help(p.id);
      for (const cmd of p.commands) {
        const own = lines.filter((l) => l.startsWith(`\t${cmd} `));
        expect(own.length, `${p.id}: ${cmd}`).toBeGreaterThan(0);
        for (const l of own) expect(l, `${p.id}: ${cmd}`).toMatch(/ {3}\(.+\)$/);
      }
    }
  });

  test('paxos keeps its propose entry; ZooKeeper prints the whole lab usage', async () => {
    expect(await help('paxos')).toContain('\tpropose P VALUE   (P a proposer: p1, p2 …; it starts a ballot with its next ballot number)');
    expect(await help('zookeeper')).toEqual(LAB_USAGE);
  });
});
