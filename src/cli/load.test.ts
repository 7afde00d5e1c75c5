import { describe, expect, it } from 'vitest';
import { HeadlessLab } from '../worker/headless.ts';
import { isRead } from '../sim/load.ts';

async function loaded(seed = 1): Promise<HeadlessLab> {
  const lab = new HeadlessLab({ seed }, 0);
  await lab.lab('run 3s');
  return lab;
}

describe('lab load', () => {
  it('isRead spreads exactly R reads over every 100 requests', () => {
    for (const r of [0, 1, 33, 50, 90, 100]) {
      let n = 0;
      for (let k = 0; k < 100; k++) if (isRead(k, r)) n += 1;
      expect(n).toBe(r);
    }
  });

  it('starts, reports one line per server and a total, and stops', async () => {
    const lab = await loaded();
    expect(await lab.lab('load clients=6 reads=50% rate=60/s')).toEqual(['load clients=6 reads=50% rate=60/s servers=zk1,zk2,zk3 started']);
    await lab.lab('run 10s');
    const lines = await lab.lab('load');
    expect(lines[0]).toBe('load clients=6 reads=50% rate=60/s servers=zk1,zk2,zk3');
    const rows = lines.filter((l) => /^zk\d reads\/s=/.test(l));
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toMatch(/^zk\d reads\/s=\d+ writes\/s=\d+ p50=[\d.]+ms p99=[\d.]+ms queue=\d+$/);
    const total = lines.find((l) => l.startsWith('total '))!;
    const m = /^total reads\/s=(\d+) writes\/s=(\d+)$/.exec(total)!;
    // 60 requests a second, half of them reads, all answered (far below saturation).
    expect(Number(m[1])).toBeGreaterThanOrEqual(27);
    expect(Number(m[1])).toBeLessThanOrEqual(31);
    expect(Number(m[2])).toBeGreaterThanOrEqual(27);
    expect(Number(m[2])).toBeLessThanOrEqual(31);
    expect(lines.at(-1)).toMatch(/^leader zk\d outstanding proposals=\d+$/);
    expect(await lab.lab('load stop')).toEqual(['load stopped']);
    expect((await lab.lab('load'))[0]).toBe('no load running');
    expect(await lab.lab('load stop')).toEqual(['lab load stop: no load running']);
    lab.dispose();
  });

  it('rejects bad arguments, naming the bad one', async () => {
    const lab = await loaded();
    expect(await lab.lab('load clients=0')).toEqual(['lab load: clients must be a whole number from 1 to 1000, not 0']);
    expect(await lab.lab('load reads=120%')).toEqual(['lab load: reads must be a share from 0% to 100%, not 120%']);
    expect(await lab.lab('load rate=fast')).toEqual(['lab load: rate must be requests per second from 1/s to 10000/s (or max), not fast']);
    expect(await lab.lab('load servers=zk9')).toEqual(['lab load: no server zk9 (servers are zk1, zk2, zk3)']);
    expect(await lab.lab('load speed=1')).toEqual(['lab load: unknown argument speed (lab load clients=N reads=R% rate=X/s [servers=S,S…]  ·  lab load stop  ·  lab load)']);
    expect(await lab.lab('load clients')).toEqual(['lab load: clients is not KEY=VALUE (lab load clients=N reads=R% rate=X/s [servers=S,S…]  ·  lab load stop  ·  lab load)']);
    lab.dispose();
  });

  it('a saturated leader queues: latency and queue grow with the offered load', async () => {
    const lab = await loaded();
    await lab.lab('load clients=30 reads=0% rate=400/s');
    await lab.lab('run 5s');
    const lines = await lab.lab('load');
    const queues = lines.filter((l) => l.startsWith('zk')).map((l) => Number(/queue=(\d+)/.exec(l)![1]));
    expect(Math.max(...queues)).toBeGreaterThan(20);
    lab.dispose();
  });

  it('is deterministic: same seed and load, same hash; a rewind and replay gives the same hash and report', async () => {
    const run = async (): Promise<{ hash: string[]; report: string[]; lab: HeadlessLab }> => {
      const lab = await loaded(7);
      await lab.lab('load clients=8 reads=80% rate=100/s servers=zk1,zk2');
      await lab.lab('run 4s');
      await lab.lab('kill 2');
      await lab.lab('run 2s');
      return { hash: await lab.lab('hash'), report: await lab.lab('load'), lab };
    };
    const a = await run();
    const b = await run();
    expect(b.hash).toEqual(a.hash);
    expect(b.report).toEqual(a.report);
    await a.lab.lab('seek 5s');
    await a.lab.lab('seek 9s');
    expect(await a.lab.lab('hash')).toEqual(a.hash);
    expect(await a.lab.lab('load')).toEqual(a.report);
    a.lab.dispose();
    b.lab.dispose();
  });

  it('without a load nothing changes: the same world with and without asking for the report', async () => {
    const a = await loaded(3);
    await a.lab('load');
    await a.lab('run 2s');
    const b = await loaded(3);
    await b.lab('run 2s');
    expect(await a.lab('hash')).toEqual(await b.lab('hash'));
    a.dispose();
    b.dispose();
  });
});
