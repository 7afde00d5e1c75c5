/**
 * Event text, dictionaries, views, status lines and the module's self-description.
 */
import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { applyMpDiskOp, emptyMpDisk } from './disk.ts';
import { MULTIPAXOS_INVARIANTS } from './invariants.ts';
import { MULTIPAXOS_PACKET_PHASES, multiPaxosDescription, multiPaxosModule } from './module.ts';
import { MP_PRESETS, presetConfig } from './presets.ts';
import { createReplica } from './Replica.ts';
import { TestNet } from './testNet.test-helper.ts';
import { MULTIPAXOS_TEXT_EN, MULTIPAXOS_TEXT_ZH, eventText, nestText, renderText } from './text.ts';
import { MULTIPAXOS_EVENT_KINDS, MULTIPAXOS_ROLES, multiPaxosConfig, type MpEvent } from './types.ts';
import { VIEW_EXECUTED_WINDOW, VIEW_MAX_SLOTS, leaderOf, slotLines, statusLines, viewReplica } from './view.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** A key without its i18next plural suffix. */
const base = (k: string) => k.replace(/_(one|other)$/, '');

/** Scripts (on three replicas, seed 2: r1 leads first) that make the rarer sentences happen. */
const EXTRA_SCRIPTS: string[][] = [
  // redirect with no leader and to a known leader; a stale leader's heartbeats are refused (NACK) after a heal
  ['propose r2 early', 'run 3s', 'propose r2 z', 'partition r1 r2,r3', 'run 6s', 'heal', 'run 1s'],
  // two candidates cut off from each other: one gives up when it meets the other's higher ballot
  ['run 3s', 'kill r1', 'partition r2 r3', 'run 5s', 'heal', 'run 3s'],
  // a candidate's own acceptor reports an unchosen slot, and the new leader proposes it again
  ['run 3s', 'partition r1 r2,r3', 'propose x', 'run 3s', 'heal', 'run 1s', 'kill r2', 'run 4s'],
  // a hole below a slot the new leader knows chosen: a no-op only
  ['run 3s', 'cut r1 r2', 'cut r1 r3', 'propose a', 'heal', 'propose b', 'run 200ms', 'kill r1', 'run 4s'],
];

/** Events of every kind: all presets, with and without their switches, plus the scripts above. */
function corpus(): MpEvent[] {
  const out: MpEvent[] = [];
  const keep = (net: TestNet) => {
    for (const e of net.trace) if (e.kind === 'event') out.push(e.event);
  };
  for (const p of Object.values(MP_PRESETS)) {
    for (const on of [false, true]) {
      const net = new TestNet(presetConfig(p, on));
      net.execAll(p.lines);
      keep(net);
    }
  }
  for (const lines of EXTRA_SCRIPTS) {
    const net = new TestNet(multiPaxosConfig({ replicas: 3, seed: 2 }));
    net.execAll(lines);
    expect(net.violations).toEqual([]);
    keep(net);
  }
  return out;
}

describe('event text', () => {
  const events = corpus();

  test('the presets produce every event kind', () => {
    expect([...new Set(events.map((e) => e.kind))].sort()).toEqual([...MULTIPAXOS_EVENT_KINDS].sort());
  });

  test('every event renders to a full sentence in English and Chinese, naming its replica', () => {
    const keys = new Set<string>();
    for (const ev of events) {
      const st = eventText(ev);
      keys.add(st.key);
      expect(st.key).toMatch(/^multipaxos\.ev\.[a-zA-Z]+$/);
      for (const dict of [MULTIPAXOS_TEXT_EN, MULTIPAXOS_TEXT_ZH]) {
        const text = renderText(st, dict);
        expect(text, st.key).not.toContain('{{');
        expect(text).not.toBe(st.key);
        expect(text).toContain(ev.node);
      }
    }
    // Every event template is used by some event of the corpus.
    const evKeys = new Set(Object.keys(MULTIPAXOS_TEXT_EN).filter((k) => k.startsWith('multipaxos.ev.')).map(base));
    expect([...keys].sort()).toEqual([...evKeys].sort());
  });

  test('sample sentences', () => {
    expect(renderText(eventText({ kind: 'chosen-out-of-order', node: 'r1', slot: 2, waitingFor: 1 }), MULTIPAXOS_TEXT_EN))
      .toBe("Slot 2 is chosen before slot 1: r1 keeps it but executes nothing more until slot 1 is chosen too. ZAB's primary order never allows this.");
    const promise = (slots: number[]) => eventText({ kind: 'promise', node: 'r3', to: 'r1', ballot: { round: 2, replica: 1 }, fromSlot: 1, slots });
    expect(renderText(promise([4]), MULTIPAXOS_TEXT_EN)).toBe('r3 promises r1 to accept nothing below ballot 2.1 and reports what it accepted in slot 4.');
    expect(renderText(promise([4, 6]), MULTIPAXOS_TEXT_EN)).toBe('r3 promises r1 to accept nothing below ballot 2.1 and reports what it accepted in slots 4, 6.');
    expect(renderText(promise([4, 6]), MULTIPAXOS_TEXT_ZH)).toBe('r3 向 r1 承诺不再接受编号小于 2.1 的提案，并报告它在日志槽 4, 6 接受过的提案。');
    expect(renderText(eventText({ kind: 'reproposed', node: 'r2', slot: 3, value: 'c', from: { round: 1, replica: 1 }, reportedBy: ['r2'] }), MULTIPAXOS_TEXT_ZH))
      .toBe('r2 在日志槽 3 重新提出 c：那里报告的最高编号是 1.1（来自 r2），这个值可能已被选定，必须保留（P2c）。');
    expect(renderText(eventText({ kind: 'noop-filled', node: 'r2', slot: 2 }), MULTIPAXOS_TEXT_EN))
      .toBe('r2 fills slot 2 with a no-op: no promise reported a value there, and the log must not keep a hole.');
  });
});

describe('dictionaries', () => {
  test('English and Chinese have the same keys (Chinese has one plural form) and the same placeholders', () => {
    const zhKeys = Object.keys(MULTIPAXOS_TEXT_ZH);
    expect([...new Set(zhKeys.map(base))].sort()).toEqual([...new Set(Object.keys(MULTIPAXOS_TEXT_EN).map(base))].sort());
    expect(zhKeys.filter((k) => k.endsWith('_one'))).toEqual([]);
    for (const [k, en] of Object.entries(MULTIPAXOS_TEXT_EN)) {
      const zh = MULTIPAXOS_TEXT_ZH[k] ?? MULTIPAXOS_TEXT_ZH[`${base(k)}_other`];
      expect(zh, k).toBeDefined();
      expect(placeholders(zh!), k).toEqual(placeholders(en));
      if (k.endsWith('_one')) expect(MULTIPAXOS_TEXT_EN[`${base(k)}_other`], k).toBeDefined();
    }
  });

  test('roles, phases and invariants have labels', () => {
    for (const role of MULTIPAXOS_ROLES) expect(MULTIPAXOS_TEXT_EN[`multipaxos.role.${role}`]).toBeTruthy();
    for (const r of multiPaxosDescription.roles) expect(MULTIPAXOS_TEXT_ZH[`multipaxos.role.${r.id}`]).toBeTruthy();
    for (const ph of multiPaxosDescription.phases) expect(MULTIPAXOS_TEXT_ZH[`multipaxos.phase.${ph.id}`]).toBeTruthy();
    for (const inv of MULTIPAXOS_INVARIANTS) {
      expect(MULTIPAXOS_TEXT_EN[`multipaxos.inv.${inv.name}`]).toBe(inv.en);
      expect(MULTIPAXOS_TEXT_ZH[`multipaxos.inv.${inv.name}`]).toBe(inv.zh);
    }
  });

  test('i18next renders the structured text from nested resources, plural forms included', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: nestText(MULTIPAXOS_TEXT_EN) }, 'zh-CN': { translation: nestText(MULTIPAXOS_TEXT_ZH) } },
      lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false,
    });
    const one = eventText({ kind: 'promise', node: 'r3', to: 'r1', ballot: { round: 2, replica: 1 }, fromSlot: 1, slots: [4] });
    const two = eventText({ kind: 'promise', node: 'r3', to: 'r1', ballot: { round: 2, replica: 1 }, fromSlot: 1, slots: [4, 6] });
    expect(i18n.t(one.key, one.values)).toBe(renderText(one, MULTIPAXOS_TEXT_EN));
    expect(i18n.t(two.key, two.values)).toBe(renderText(two, MULTIPAXOS_TEXT_EN));
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t(two.key, two.values)).toBe(renderText(two, MULTIPAXOS_TEXT_ZH));
    const ooo = eventText({ kind: 'chosen-out-of-order', node: 'r1', slot: 2, waitingFor: 1 });
    expect(i18n.t(ooo.key, ooo.values)).toBe(renderText(ooo, MULTIPAXOS_TEXT_ZH));
  });

  test('nestText builds i18next resources with the default key separator', () => {
    const nested = nestText(MULTIPAXOS_TEXT_EN) as { multipaxos: { ev: Record<string, string>; role: Record<string, string> } };
    expect(nested.multipaxos.ev.chosen).toBe(MULTIPAXOS_TEXT_EN['multipaxos.ev.chosen']);
    expect(nested.multipaxos.role.leader).toBe('leader');
  });
});

describe('views and console lines', () => {
  const cfg3 = multiPaxosConfig({ replicas: 3, seed: 2 });

  test('statusLines for a leader, a follower and a replica that is down', () => {
    const net = new TestNet(cfg3);
    net.execAll(['run 3s', 'propose a', 'run 500ms', 'kill r3']);
    expect(statusLines(cfg3, 1, net.view(1))).toEqual([
      'r1: leader, ballot 1.1, promised 1.1',
      '  leader: r1 (ballot 1.1)',
      '  slots: accepted up to 1, chosen up to 1, executed 1, 0 in flight, next slot 2',
    ]);
    expect(statusLines(cfg3, 2, net.view(2))).toEqual([
      'r2: follower, promised 1.1',
      '  leader: r1 (ballot 1.1)',
      '  slots: accepted up to 1, chosen up to 1, executed 1',
    ]);
    expect(statusLines(cfg3, 3, net.view(3))).toEqual(['r3: down']);
  });

  test('slotLines: chosen anywhere, else accepted anywhere, else empty', () => {
    const net = new TestNet(cfg3);
    net.execAll(['run 3s', 'delay r1 r2 300', 'delay r1 r3 300', 'propose a', 'delay r1 r2 0', 'delay r1 r3 0', 'propose b', 'run 45ms']);
    const followers = [net.view(2), net.view(3)];
    expect(slotLines(cfg3, followers)).toEqual(['slot 1: - empty', 'slot 2: b accepted']);
    net.run(400);
    expect(slotLines(cfg3, net.views())).toEqual(['slot 1: a chosen', 'slot 2: b chosen']);
    for (const line of slotLines(cfg3, net.views())) expect(line).toMatch(/^slot \d+: \S+ (chosen|accepted|empty)$/);
    expect(slotLines(cfg3, [null, null, null])).toEqual([]);
  });

  test('slotLines prints no-ops, and the highest accepted ballot wins among accepted values', () => {
    const p = MP_PRESETS.leaderChange;
    const net = new TestNet(presetConfig(p, false));
    net.execAll(p.lines);
    expect(slotLines(net.cfg, net.views())).toEqual(['slot 1: a chosen', 'slot 2: no-op chosen', 'slot 3: c chosen', 'slot 4: d chosen']);
    const n = createReplica({ myid: 1, config: cfg3, disk: emptyMpDisk() });
    applyMpDiskOp(n.disk, { op: 'accept', slot: 1, ballot: { round: 1, replica: 1 }, value: 'old' });
    const m = createReplica({ myid: 2, config: cfg3, disk: emptyMpDisk() });
    applyMpDiskOp(m.disk, { op: 'accept', slot: 1, ballot: { round: 2, replica: 3 }, value: 'new' });
    expect(slotLines(cfg3, [viewReplica(n), viewReplica(m)])).toEqual(['slot 1: new accepted']);
  });

  test('the view keeps a bounded window: the last executed slots and what is above', () => {
    const n = createReplica({ myid: 1, config: cfg3, disk: emptyMpDisk() });
    for (let s = 1; s <= 400; s++) applyMpDiskOp(n.disk, { op: 'accept', slot: s, ballot: { round: 1, replica: 1 }, value: `v${s}` });
    for (let s = 1; s <= 100; s++) n.chosen[s] = `v${s}`;
    n.executed = 100;
    const v = viewReplica(n);
    expect(v.windowFrom).toBe(100 - VIEW_EXECUTED_WINDOW + 1);
    expect(v.slots).toHaveLength(VIEW_MAX_SLOTS);
    expect(v.slots[0]).toEqual({ slot: 37, accepted: { ballot: '1.1', value: 'v37' }, chosen: { value: 'v37' }, executed: true, inFlight: false });
    expect(v.slots[64]).toMatchObject({ slot: 101, chosen: null, executed: false });
    expect(v).toMatchObject({ highestAccepted: 400, highestChosen: 100, chosenUpTo: 100, executed: 100 });
    expect(structuredClone(v)).toEqual(v);
  });

  test('leaderOf: of two replicas that think they lead, the higher ballot', () => {
    const a = { ...viewReplica(createReplica({ myid: 1, config: cfg3, disk: emptyMpDisk() })), role: 'leader' as const, ballot: '1.1' };
    const b = { ...viewReplica(createReplica({ myid: 3, config: cfg3, disk: emptyMpDisk() })), role: 'leader' as const, ballot: '2.3' };
    const c = viewReplica(createReplica({ myid: 2, config: cfg3, disk: emptyMpDisk() }));
    expect(leaderOf([a, c, b])).toBe(3);
    expect(leaderOf([c, null, undefined])).toBeNull();
  });
});

describe('module', () => {
  test('one unreliable datagram channel', () => {
    expect(multiPaxosModule.id).toBe('multipaxos');
    expect(multiPaxosModule.channels).toEqual({ mp: { reliable: false, finOnCrash: false, resendLastOnStart: false } });
  });

  test('roles, packets and phases', () => {
    expect(multiPaxosDescription.roles.map((r) => r.id)).toEqual(['leader', 'candidate', 'follower']);
    expect(Object.fromEntries(multiPaxosDescription.packets.map((p) => [p.type, p.phase]))).toEqual({
      PREPARE: 'phase1', PROMISE: 'phase1', ACCEPT: 'phase2', ACCEPTED: 'phase2', CHOSEN: 'commit', HEARTBEAT: 'heartbeat', NACK: 'nack', CATCHUP: 'catchup',
    });
    const phases = new Set(multiPaxosDescription.phases.map((p) => p.id));
    for (const ph of Object.values(MULTIPAXOS_PACKET_PHASES)) expect(phases.has(ph)).toBe(true);
    for (const x of [...multiPaxosDescription.roles, ...multiPaxosDescription.phases]) expect(x.colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
