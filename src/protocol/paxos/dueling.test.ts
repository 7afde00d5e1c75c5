import { describe, expect, it } from 'vitest';
import { PAXOS_DUELING } from './bugs.ts';
import { NETWORK_VARIANTS, TestNet } from './testNet.test-helper.ts';
import type { RetryPolicy } from './types.ts';

const run = (retry: RetryPolicy, opts: (typeof NETWORK_VARIANTS)[number]['opts']) =>
  new TestNet({ ...PAXOS_DUELING.config, retry, bugs: [] }, opts).script(PAXOS_DUELING.schedule);

describe('dueling proposers (the preset)', () => {
  it('is a preset of retry=immediate over 10 s of simulated time', () => {
    expect(PAXOS_DUELING.config.retry).toBe('immediate');
    expect(PAXOS_DUELING.schedule.at(-1)).toBe('run 10s');
  });

  for (const { label, opts } of NETWORK_VARIANTS) {
    it(`livelocks with retry=immediate and resolves with backoff and leader (${label})`, () => {
      const immediate = run('immediate', opts);
      expect(immediate.now).toBeGreaterThanOrEqual(10_000);
      expect(immediate.chosen()).toBeNull();
      expect(immediate.sent('NACK')).toBeGreaterThanOrEqual(36);
      expect(immediate.events('preempted').length).toBeGreaterThanOrEqual(24);
      // Both keep climbing: each retries at once, above the ballot that preempted it.
      const rounds = immediate.events('prepare').map((e) => e.event.ballot.round);
      expect(rounds.length).toBeGreaterThanOrEqual(24);
      expect(immediate.events('retry').every((r) => r.event.delay === 0 && r.event.reason === 'nack')).toBe(true);
      expect(immediate.violations).toEqual([]);

      for (const retry of ['backoff', 'leader'] as const) {
        const net = run(retry, opts);
        const chosen = net.chosen();
        expect(chosen).not.toBeNull();
        expect(chosen!.t).toBeLessThan(3000);
        // Both proposers end up knowing the one chosen value, and say so to whoever asked them.
        expect(net.replies.map((r) => r.reply)).toEqual([
          { type: 'chosen', value: chosen!.value, ballot: expect.anything() },
          { type: 'chosen', value: chosen!.value, ballot: expect.anything() },
        ]);
        expect(net.violations).toEqual([]);
      }
    });
  }

  it('under retry=leader the higher-indexed proposer stands back for the lower one', () => {
    const net = run('leader', { latency: 40 });
    const standBacks = net.events('stand-back');
    expect(standBacks.length).toBeGreaterThan(0);
    expect(standBacks.every((s) => net.name(s.sid) === 'p2' && s.event.leader === 'p1' && s.event.delay > 0 && s.event.delay <= 2000)).toBe(true);
    expect(net.chosen()!.value).toBe('x');
  });

  it('under retry=backoff the delays come from the proposer\'s own generator and grow with failures', () => {
    const net = run('backoff', { latency: 40 });
    const retries = net.events('retry');
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) expect(r.event.delay).toBeLessThanOrEqual(1000);
  });

  it('under retry=backoff chooses within a few seconds whatever the seed', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const net = new TestNet({ ...PAXOS_DUELING.config, retry: 'backoff', seed, bugs: [] }, { latencySeed: `d${seed}` }).script(PAXOS_DUELING.schedule);
      expect(net.chosen()?.t ?? Infinity, `seed ${seed}`).toBeLessThan(5000);
      expect(net.violations).toEqual([]);
    }
  });

  it('explains itself in 3–5 sentences in each language', () => {
    const en = PAXOS_DUELING.en.split(/(?<=\.)\s+/).length;
    const zh = PAXOS_DUELING.zh.split('。').filter((x) => x.trim() !== '').length;
    expect([en, zh].every((n) => n >= 3 && n <= 5), `${en} / ${zh}`).toBe(true);
  });
});
