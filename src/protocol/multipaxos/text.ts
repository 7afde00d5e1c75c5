/**
 * The replicas' events as structured text (an i18n key and its values) and the templates of every
 * key in English and 简体中文. Keys are `multipaxos.ev.<camelCase kind>` (one event kind may have
 * a few keys, e.g. `chosen` at the leader and `chosenLearned` at a replica told by CHOSEN),
 * `multipaxos.role.<role>`, `multipaxos.phase.<phase>` and `multipaxos.inv.<invariant>`.
 * Replica names, ballots (`3.2`), slots and values are values, never part of a template. As in the
 * app's own resources, a text with a `count` value has i18next plural forms: `<key>_one` and
 * `<key>_other` in English, `<key>_other` alone in Chinese.
 *
 * Chinese terms follow the study notes (003, Paxos and Chubby): 提案, 提案编号/编号, 选定, 过半,
 * 领导者 (Master), 日志槽/实例, 阶段一/阶段二; packet names (PREPARE, ACCEPT …) stay as they are.
 */
import type { StructuredText } from '../../sim/module.ts';
import { formatBallot, formatSlots, formatValue } from './ballot.ts';
import { MULTIPAXOS_INVARIANTS } from './invariants.ts';
import type { MpEvent } from './types.ts';

const list = (xs: readonly (number | string)[]) => (xs.length === 0 ? '-' : xs.join(', '));

/** An event as text: its key and values (the reporting replica is `node`). */
export function eventText(ev: MpEvent): StructuredText {
  const k = (key: string, values: Record<string, string | number>): StructuredText => ({ key: `multipaxos.ev.${key}`, values: { node: ev.node, ...values } });
  switch (ev.kind) {
    case 'election-timeout':
      return ev.lastLeader === null
        ? k('electionTimeoutNoLeader', { ms: ev.afterMs, ballot: formatBallot(ev.ballot) })
        : k('electionTimeout', { ms: ev.afterMs, ballot: formatBallot(ev.ballot), lastLeader: ev.lastLeader });
    case 'prepare':
      return k('prepare', { ballot: formatBallot(ev.ballot), fromSlot: ev.fromSlot });
    case 'promise': {
      const own = ev.to === ev.node;
      const base = { ballot: formatBallot(ev.ballot), fromSlot: ev.fromSlot, to: ev.to };
      if (ev.slots.length === 0) return k(own ? 'promiseOwnEmpty' : 'promiseEmpty', base);
      return k(own ? 'promiseOwn' : 'promise', { ...base, slots: formatSlots(ev.slots), count: ev.slots.length });
    }
    case 'nack':
      return k('nack', { to: ev.to, packet: ev.packet, ballot: formatBallot(ev.ballot), promised: formatBallot(ev.promised) });
    case 'leader': {
      const base = { ballot: formatBallot(ev.ballot), nextSlot: ev.nextSlot, fromSlot: ev.fromSlot, promises: list(ev.promises) };
      if (ev.skippedPhase1) return k('leaderSkip', base);
      if (ev.reproposed.length === 0 && ev.noops.length === 0) return k('leader', base);
      if (ev.noops.length === 0) return k('leaderRepropose', { ...base, reproposed: list(ev.reproposed), count: ev.reproposed.length });
      if (ev.reproposed.length === 0) return k('leaderNoops', { ...base, noops: list(ev.noops), count: ev.noops.length });
      return k('leaderRecover', { ...base, reproposed: list(ev.reproposed), noops: list(ev.noops) });
    }
    case 'reproposed':
      return k('reproposed', { slot: ev.slot, value: formatValue(ev.value), from: formatBallot(ev.from), by: list(ev.reportedBy) });
    case 'noop-filled':
      return k('noopFilled', { slot: ev.slot });
    case 'accept-sent':
      return k(ev.again ? 'acceptSentAgain' : 'acceptSent', { slot: ev.slot, ballot: formatBallot(ev.ballot), value: formatValue(ev.value) });
    case 'accepted':
      return k(ev.leader === ev.node ? 'acceptedOwn' : 'accepted', { slot: ev.slot, ballot: formatBallot(ev.ballot), value: formatValue(ev.value), leader: ev.leader });
    case 'chosen':
      return ev.ballot === null
        ? k('chosenLearned', { slot: ev.slot, value: formatValue(ev.value) })
        : k('chosen', { slot: ev.slot, value: formatValue(ev.value), ballot: formatBallot(ev.ballot), by: list(ev.by) });
    case 'chosen-out-of-order':
      return k('chosenOutOfOrder', { slot: ev.slot, waitingFor: ev.waitingFor });
    case 'executed':
      return k('executed', { slot: ev.slot, value: formatValue(ev.value) });
    case 'stepped-down':
      return k(ev.was === 'leader' ? 'steppedDownLeader' : 'steppedDownCandidate', { ballot: formatBallot(ev.ballot), higher: formatBallot(ev.higher), from: ev.from });
    case 'follow':
      return k('follow', { leader: ev.leader, ballot: formatBallot(ev.ballot) });
    case 'redirect':
      return ev.leader === null ? k('redirectNoLeader', { value: ev.value }) : k('redirect', { value: ev.value, leader: ev.leader });
  }
}

const INV_EN = Object.fromEntries(MULTIPAXOS_INVARIANTS.map((i) => [`multipaxos.inv.${i.name}`, i.en]));
const INV_ZH = Object.fromEntries(MULTIPAXOS_INVARIANTS.map((i) => [`multipaxos.inv.${i.name}`, i.zh]));

/** English templates, by full key. */
export const MULTIPAXOS_TEXT_EN: Readonly<Record<string, string>> = {
  'multipaxos.role.leader': 'leader',
  'multipaxos.role.candidate': 'candidate',
  'multipaxos.role.follower': 'follower',

  'multipaxos.phase.phase1': 'phase 1 (prepare, promise)',
  'multipaxos.phase.phase2': 'phase 2 (accept, accepted)',
  'multipaxos.phase.commit': 'commit (chosen)',
  'multipaxos.phase.heartbeat': 'heartbeat',
  'multipaxos.phase.nack': 'rejection',
  'multipaxos.phase.catchup': 'catch-up',

  'multipaxos.ev.electionTimeout': '{{node}} has heard nothing from leader {{lastLeader}} for {{ms}} ms and runs for leader with ballot {{ballot}}.',
  'multipaxos.ev.electionTimeoutNoLeader': '{{node}} has heard from no leader for {{ms}} ms and runs for leader with ballot {{ballot}}.',
  'multipaxos.ev.prepare': '{{node}} sends PREPARE {{ballot}} to every replica: one phase 1 for all slots from {{fromSlot}} on.',
  'multipaxos.ev.promise_one': '{{node}} promises {{to}} to accept nothing below ballot {{ballot}} and reports what it accepted in slot {{slots}}.',
  'multipaxos.ev.promise_other': '{{node}} promises {{to}} to accept nothing below ballot {{ballot}} and reports what it accepted in slots {{slots}}.',
  'multipaxos.ev.promiseEmpty': '{{node}} promises {{to}} to accept nothing below ballot {{ballot}}; it has accepted nothing from slot {{fromSlot}} on.',
  'multipaxos.ev.promiseOwn_one': "{{node}}'s own acceptor promises ballot {{ballot}} and reports what it accepted in slot {{slots}}.",
  'multipaxos.ev.promiseOwn_other': "{{node}}'s own acceptor promises ballot {{ballot}} and reports what it accepted in slots {{slots}}.",
  'multipaxos.ev.promiseOwnEmpty': "{{node}}'s own acceptor promises ballot {{ballot}}; it has accepted nothing from slot {{fromSlot}} on.",
  'multipaxos.ev.nack': '{{node}} refuses {{packet}} {{ballot}} from {{to}}: it has promised or follows the higher ballot {{promised}}.',
  'multipaxos.ev.leader': '{{node}} becomes leader with ballot {{ballot}} once a quorum promised ({{promises}}); nothing from slot {{fromSlot}} on needs recovering, and new values go to slot {{nextSlot}} on.',
  'multipaxos.ev.leaderRecover': '{{node}} becomes leader with ballot {{ballot}} once a quorum promised ({{promises}}). It first settles the slots not known chosen — proposed again: {{reproposed}}; filled with no-ops: {{noops}} — and puts new values in slot {{nextSlot}} on.',
  'multipaxos.ev.leaderRepropose_one': '{{node}} becomes leader with ballot {{ballot}} once a quorum promised ({{promises}}). It first proposes again the value the promises reported in slot {{reproposed}}, and puts new values in slot {{nextSlot}} on.',
  'multipaxos.ev.leaderRepropose_other': '{{node}} becomes leader with ballot {{ballot}} once a quorum promised ({{promises}}). It first proposes again the values the promises reported in slots {{reproposed}}, and puts new values in slot {{nextSlot}} on.',
  'multipaxos.ev.leaderNoops_one': '{{node}} becomes leader with ballot {{ballot}} once a quorum promised ({{promises}}). No promise reported a value in slot {{noops}}, so it first fills it with a no-op, and puts new values in slot {{nextSlot}} on.',
  'multipaxos.ev.leaderNoops_other': '{{node}} becomes leader with ballot {{ballot}} once a quorum promised ({{promises}}). No promise reported a value in slots {{noops}}, so it first fills them with no-ops, and puts new values in slot {{nextSlot}} on.',
  'multipaxos.ev.leaderSkip': '{{node}} takes over as leader with ballot {{ballot}} WITHOUT phase 1 (bug switch skipPhase1): it asks no one what was accepted and puts new values in slot {{nextSlot}} on.',
  'multipaxos.ev.reproposed': '{{node}} proposes {{value}} again in slot {{slot}}: the highest ballot reported there was {{from}} (by {{by}}), and that value may already be chosen, so it must be kept (P2c).',
  'multipaxos.ev.noopFilled': '{{node}} fills slot {{slot}} with a no-op: no promise reported a value there, and the log must not keep a hole.',
  'multipaxos.ev.acceptSent': '{{node}} sends ACCEPT {{ballot}} for slot {{slot}} with {{value}} (phase 2 only).',
  'multipaxos.ev.acceptSentAgain': '{{node}} sends ACCEPT {{ballot}} for slot {{slot}} ({{value}}) again to the replicas that have not answered.',
  'multipaxos.ev.accepted': '{{node}} accepts {{value}} in slot {{slot}} at ballot {{ballot}} and answers ACCEPTED to {{leader}}.',
  'multipaxos.ev.acceptedOwn': '{{node}} accepts its own proposal {{value}} in slot {{slot}} at ballot {{ballot}}.',
  'multipaxos.ev.chosen': '{{node}} knows {{value}} is chosen in slot {{slot}}: a quorum ({{by}}) accepted ballot {{ballot}}. It sends CHOSEN to every replica.',
  'multipaxos.ev.chosenLearned': '{{node}} learns from CHOSEN that slot {{slot}} holds {{value}}.',
  'multipaxos.ev.chosenOutOfOrder': "Slot {{slot}} is chosen before slot {{waitingFor}}: {{node}} keeps it but executes nothing more until slot {{waitingFor}} is chosen too. ZAB's primary order never allows this.",
  'multipaxos.ev.executed': '{{node}} executes slot {{slot}}: {{value}}.',
  'multipaxos.ev.steppedDownLeader': '{{node}} stops leading with ballot {{ballot}}: {{from}} knows the higher ballot {{higher}}.',
  'multipaxos.ev.steppedDownCandidate': '{{node}} gives up running for leader with ballot {{ballot}}: {{from}} knows the higher ballot {{higher}}.',
  'multipaxos.ev.follow': '{{node}} follows leader {{leader}} (ballot {{ballot}}).',
  'multipaxos.ev.redirect': "{{node}} is not the leader: it sends the client's {{value}} to {{leader}}.",
  'multipaxos.ev.redirectNoLeader': "{{node}} is not the leader and knows no leader: the client's {{value}} is turned away.",
  ...INV_EN,
};

/** 简体中文 templates: the same keys and placeholders. */
export const MULTIPAXOS_TEXT_ZH: Readonly<Record<string, string>> = {
  'multipaxos.role.leader': '领导者',
  'multipaxos.role.candidate': '候选者',
  'multipaxos.role.follower': '跟随者',

  'multipaxos.phase.phase1': '阶段一（Prepare、Promise）',
  'multipaxos.phase.phase2': '阶段二（Accept、Accepted）',
  'multipaxos.phase.commit': '提交（CHOSEN）',
  'multipaxos.phase.heartbeat': '心跳',
  'multipaxos.phase.nack': '拒绝',
  'multipaxos.phase.catchup': '追赶',

  'multipaxos.ev.electionTimeout': '{{node}} 已有 {{ms}} 毫秒没有收到领导者 {{lastLeader}} 的消息，于是以编号 {{ballot}} 竞选领导者。',
  'multipaxos.ev.electionTimeoutNoLeader': '{{node}} 已有 {{ms}} 毫秒没有收到任何领导者的消息，于是以编号 {{ballot}} 竞选领导者。',
  'multipaxos.ev.prepare': '{{node}} 向所有副本发送 PREPARE {{ballot}}：一次阶段一覆盖从日志槽 {{fromSlot}} 起的全部实例。',
  'multipaxos.ev.promise_other': '{{node}} 向 {{to}} 承诺不再接受编号小于 {{ballot}} 的提案，并报告它在日志槽 {{slots}} 接受过的提案。',
  'multipaxos.ev.promiseEmpty': '{{node}} 向 {{to}} 承诺不再接受编号小于 {{ballot}} 的提案；它在日志槽 {{fromSlot}} 及之后没有接受过任何提案。',
  'multipaxos.ev.promiseOwn_other': '{{node}} 自己的 Acceptor 承诺编号 {{ballot}}，并报告它在日志槽 {{slots}} 接受过的提案。',
  'multipaxos.ev.promiseOwnEmpty': '{{node}} 自己的 Acceptor 承诺编号 {{ballot}}；它在日志槽 {{fromSlot}} 及之后没有接受过任何提案。',
  'multipaxos.ev.nack': '{{node}} 拒绝来自 {{to}} 的 {{packet}} {{ballot}}：它已承诺或追随更高的编号 {{promised}}。',
  'multipaxos.ev.leader': '{{node}} 获得多数派的承诺（{{promises}}），以编号 {{ballot}} 成为领导者（Master）；从日志槽 {{fromSlot}} 起没有需要恢复的实例，新的值从日志槽 {{nextSlot}} 开始。',
  'multipaxos.ev.leaderRecover': '{{node}} 获得多数派的承诺（{{promises}}），以编号 {{ballot}} 成为领导者（Master）。它先处理尚未确知选定的日志槽——重新提出：{{reproposed}}；填入 no-op：{{noops}}——新的值从日志槽 {{nextSlot}} 开始。',
  'multipaxos.ev.leaderRepropose_other': '{{node}} 获得多数派的承诺（{{promises}}），以编号 {{ballot}} 成为领导者（Master）。它先在日志槽 {{reproposed}} 重新提出承诺中报告的值，新的值从日志槽 {{nextSlot}} 开始。',
  'multipaxos.ev.leaderNoops_other': '{{node}} 获得多数派的承诺（{{promises}}），以编号 {{ballot}} 成为领导者（Master）。没有任何承诺报告过日志槽 {{noops}} 的值，它先在那里填入 no-op，新的值从日志槽 {{nextSlot}} 开始。',
  'multipaxos.ev.leaderSkip': '{{node}} 跳过阶段一（缺陷开关 skipPhase1），直接以编号 {{ballot}} 接任领导者：它不询问任何副本接受过什么，新的值从日志槽 {{nextSlot}} 开始。',
  'multipaxos.ev.reproposed': '{{node}} 在日志槽 {{slot}} 重新提出 {{value}}：那里报告的最高编号是 {{from}}（来自 {{by}}），这个值可能已被选定，必须保留（P2c）。',
  'multipaxos.ev.noopFilled': '{{node}} 在日志槽 {{slot}} 填入 no-op：没有任何承诺报告过那里的值，而日志不能留下空洞。',
  'multipaxos.ev.acceptSent': '{{node}} 为日志槽 {{slot}} 发送 ACCEPT {{ballot}}，值为 {{value}}（只需阶段二）。',
  'multipaxos.ev.acceptSentAgain': '{{node}} 向尚未回应的副本重发日志槽 {{slot}} 的 ACCEPT {{ballot}}（{{value}}）。',
  'multipaxos.ev.accepted': '{{node}} 在日志槽 {{slot}} 接受编号为 {{ballot}} 的提案 {{value}}，并向 {{leader}} 回复 ACCEPTED。',
  'multipaxos.ev.acceptedOwn': '{{node}} 接受自己在日志槽 {{slot}} 的提案 {{value}}（编号 {{ballot}}）。',
  'multipaxos.ev.chosen': '{{node}} 得知 {{value}} 在日志槽 {{slot}} 被选定：多数派（{{by}}）接受了编号 {{ballot}}。它向所有副本发送 CHOSEN。',
  'multipaxos.ev.chosenLearned': '{{node}} 从 CHOSEN 得知日志槽 {{slot}} 的值是 {{value}}。',
  'multipaxos.ev.chosenOutOfOrder': '日志槽 {{slot}} 先于日志槽 {{waitingFor}} 被选定：{{node}} 记下它，但在日志槽 {{waitingFor}} 也被选定之前不再执行任何实例。ZAB 的主进程顺序绝不允许这种情况。',
  'multipaxos.ev.executed': '{{node}} 执行日志槽 {{slot}}：{{value}}。',
  'multipaxos.ev.steppedDownLeader': '{{node}} 不再以编号 {{ballot}} 担任领导者：{{from}} 知道更高的编号 {{higher}}。',
  'multipaxos.ev.steppedDownCandidate': '{{node}} 放弃以编号 {{ballot}} 竞选领导者：{{from}} 知道更高的编号 {{higher}}。',
  'multipaxos.ev.follow': '{{node}} 追随领导者 {{leader}}（编号 {{ballot}}）。',
  'multipaxos.ev.redirect': '{{node}} 不是领导者：它让客户端把 {{value}} 发给 {{leader}}。',
  'multipaxos.ev.redirectNoLeader': '{{node}} 不是领导者，也不知道谁是领导者：客户端的 {{value}} 被拒绝。',
  ...INV_ZH,
};

/**
 * Fills a template from a dictionary (the key itself when the dictionary lacks it) — for tests and
 * plain-text logs. Like i18next, a `count` value picks the plural form `<key>_one` / `<key>_other`.
 */
export function renderText(text: StructuredText, dict: Readonly<Record<string, string>>): string {
  const count = text.values?.count;
  const plural = typeof count === 'number' ? dict[`${text.key}_${count === 1 ? 'one' : 'other'}`] ?? dict[`${text.key}_other`] : undefined;
  const tpl = plural ?? dict[text.key];
  if (tpl === undefined) return text.key;
  return tpl.replace(/\{\{(\w+)\}\}/g, (m, k: string) => {
    const v = text.values?.[k];
    return v === undefined ? m : String(v);
  });
}

/**
 * A dictionary as nested i18next resources (`multipaxos.ev.chosen` → { multipaxos: { ev: { chosen } } }),
 * for an i18next instance that keeps the default key separator.
 */
export function nestText(dict: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dict)) {
    const parts = key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      const child = node[p];
      if (typeof child === 'object' && child !== null) node = child as Record<string, unknown>;
      else node = node[p] = {};
    }
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}
