/**
 * The words of the Paxos module: each event as structured text (an i18n key and its values,
 * rendered by i18next in each language) and the two dictionaries. Keys are flat, dotted
 * (`paxos.ev.promise`); no key is a prefix of another, so they also nest. The zh-CN text uses the
 * terms of the Chinese study notes the lab grew from ("Paxos 算法"): 提案 (proposal), 编号 (its
 * number — our ballot), 承诺 (promise), 接受 (accept), 选定 (chosen), 过半 (a majority),
 * Proposer / Acceptor / Learner. Event sentences say "quorum" (never "majority"): under the
 * minorityQuorum switch the processes' quorum is not a majority, and the log must not claim it is.
 */
import type { StructuredText } from '../../sim/module.ts';
import { formatBallot, formatProposal } from './ballot.ts';
import { PAXOS_INVARIANTS } from './checker.ts';
import type { PaxosEvent } from './types.ts';

/** The structured text of an event: `paxos.ev.<kind>` (or a variant of it) and its values. */
export function eventText(ev: PaxosEvent): StructuredText {
  const k = (key: string, values: Record<string, string | number>): StructuredText => ({ key: `paxos.ev.${key}`, values: { node: ev.node, ...values } });
  switch (ev.kind) {
    case 'propose':
      return k('propose', { value: ev.value });
    case 'prepare':
      return k('prepare', { ballot: formatBallot(ev.ballot), value: ev.value });
    case 'promise': {
      const base = { ballot: formatBallot(ev.ballot), to: ev.to };
      if (ev.again) return k('promiseAgain', base);
      if (ev.accepted === null) return k('promiseNothing', base);
      return k('promise', { ...base, acceptedBallot: formatBallot(ev.accepted.ballot), acceptedValue: ev.accepted.value });
    }
    case 'nack-sent':
      return k(ev.refused === 'PREPARE' ? 'nackPrepare' : 'nackAccept', { ballot: formatBallot(ev.ballot), promised: formatBallot(ev.promised), to: ev.to });
    case 'preempted':
      return k('preempted', { ballot: formatBallot(ev.ballot), promised: formatBallot(ev.promised), by: ev.by });
    case 'accept-sent':
      return k('acceptSent', { ballot: formatBallot(ev.ballot), value: ev.value, promises: ev.promises.join(',') });
    case 'value-replaced':
      return k('valueReplaced', {
        ballot: formatBallot(ev.ballot), from: ev.from, to: ev.to,
        reportedBallot: formatBallot(ev.reportedBallot), reportedBy: ev.reportedBy.join(','),
      });
    case 'accepted':
      return k(ev.again ? 'acceptedAgain' : 'accepted', { ballot: formatBallot(ev.ballot), value: ev.value });
    case 'chosen-known':
      return k('chosenKnown', { ballot: formatBallot(ev.ballot), value: ev.value, acceptors: ev.acceptors.join(',') });
    case 'learned': {
      const values = { ballot: formatBallot(ev.ballot), value: ev.value, acceptors: ev.acceptors.join(',') };
      return ev.previous === null ? k('learned', values) : k('relearned', { ...values, previous: ev.previous });
    }
    case 'retry': {
      const key = `retry${ev.reason === 'nack' ? 'Nack' : 'Timeout'}`;
      const ballot = formatBallot(ev.ballot);
      return ev.delay === 0 ? k(`${key}Now`, { ballot }) : k(key, { ballot, delay: ev.delay });
    }
    case 'stand-back':
      return k('standBack', { ballot: formatBallot(ev.ballot), leader: ev.leader, delay: ev.delay });
    case 'forgot':
      return ev.accepted === null
        ? k('forgotPromise', { promised: formatBallot(ev.promised) })
        : k('forgot', { promised: formatBallot(ev.promised), accepted: formatProposal(ev.accepted) });
  }
}

const invariantText = (lang: 'en' | 'zh') => Object.fromEntries(PAXOS_INVARIANTS.map((i) => [`paxos.inv.${i.name}`, i[lang]]));

export const PAXOS_TEXT_EN: Readonly<Record<string, string>> = {
  'paxos.role.acceptor': 'Acceptor',
  'paxos.role.proposer': 'Proposer',
  'paxos.role.learner': 'Learner',
  'paxos.packetPhase.phase1': 'Phase 1: prepare and promise',
  'paxos.packetPhase.phase2': 'Phase 2: accept and accepted',
  'paxos.packetPhase.nack': 'Refusal (NACK)',
  'paxos.proposerPhase.idle': 'idle',
  'paxos.proposerPhase.prepare': 'phase 1 (prepare)',
  'paxos.proposerPhase.accept': 'phase 2 (accept)',
  'paxos.proposerPhase.done': 'knows the chosen value',
  'paxos.ev.propose': '{{node}} is asked to propose {{value}}',
  'paxos.ev.prepare': '{{node}} starts phase 1 with ballot {{ballot}}: PREPARE to every acceptor (its value: {{value}})',
  'paxos.ev.promise': '{{node}} promises ballot {{ballot}} to {{to}} and reports the proposal it has accepted: ({{acceptedBallot}}, {{acceptedValue}})',
  'paxos.ev.promiseNothing': '{{node}} promises ballot {{ballot}} to {{to}} (it has accepted nothing yet)',
  'paxos.ev.promiseAgain': '{{node}} repeats its promise of ballot {{ballot}} to {{to}} (the PREPARE came again)',
  'paxos.ev.nackPrepare': '{{node}} refuses PREPARE {{ballot}} from {{to}}: it has promised the higher ballot {{promised}} (NACK)',
  'paxos.ev.nackAccept': '{{node}} refuses ACCEPT {{ballot}} from {{to}}: it has promised the higher ballot {{promised}} (NACK)',
  'paxos.ev.preempted': '{{node}} is preempted: {{by}} has promised ballot {{promised}}, higher than its {{ballot}}',
  'paxos.ev.acceptSent': '{{node}} holds promises for ballot {{ballot}} from a quorum ({{promises}}): phase 2, ACCEPT ({{ballot}}, {{value}}) to every acceptor',
  'paxos.ev.valueReplaced': '{{node}} must propose {{to}} in ballot {{ballot}}, not its own {{from}}: {{reportedBy}} reported having accepted {{to}} at ballot {{reportedBallot}}, the highest-numbered proposal among the promises (P2c)',
  'paxos.ev.accepted': '{{node}} accepts the proposal ({{ballot}}, {{value}}) and tells its proposer and the learners',
  'paxos.ev.acceptedAgain': '{{node}} accepts the proposal ({{ballot}}, {{value}}) again (the ACCEPT came again)',
  'paxos.ev.chosenKnown': '{{node}} knows {{value}} is chosen: a quorum ({{acceptors}}) accepted ballot {{ballot}}',
  'paxos.ev.learned': '{{node}} learns {{value}}: a quorum ({{acceptors}}) accepted ballot {{ballot}}',
  'paxos.ev.relearned': '{{node}} learns {{value}} (ballot {{ballot}}, accepted by {{acceptors}}) although it had learned {{previous}}',
  'paxos.ev.retryNack': '{{node}} gives up ballot {{ballot}} and will retry with a higher ballot in {{delay}} ms',
  'paxos.ev.retryNackNow': '{{node}} gives up ballot {{ballot}} and retries at once with a higher ballot',
  'paxos.ev.retryTimeout': '{{node}} heard from no quorum in time for ballot {{ballot}}: it will retry with a higher ballot in {{delay}} ms',
  'paxos.ev.retryTimeoutNow': '{{node}} heard from no quorum in time for ballot {{ballot}}: it retries at once with a higher ballot',
  'paxos.ev.standBack': '{{node}} gives up ballot {{ballot}} and stands back for {{delay}} ms: {{leader}} is the distinguished proposer',
  'paxos.ev.forgot': '{{node}} restarts without stable storage: it forgets its promise of ballot {{promised}} and the proposal {{accepted}} it had accepted',
  'paxos.ev.forgotPromise': '{{node}} restarts without stable storage: it forgets its promise of ballot {{promised}}',
  ...invariantText('en'),
};

export const PAXOS_TEXT_ZH: Readonly<Record<string, string>> = {
  'paxos.role.acceptor': 'Acceptor（接受者）',
  'paxos.role.proposer': 'Proposer（提议者）',
  'paxos.role.learner': 'Learner（学习者）',
  'paxos.packetPhase.phase1': '阶段一：Prepare 请求与承诺',
  'paxos.packetPhase.phase2': '阶段二：Accept 请求与接受',
  'paxos.packetPhase.nack': '拒绝（NACK）',
  'paxos.proposerPhase.idle': '空闲',
  'paxos.proposerPhase.prepare': '阶段一（Prepare）',
  'paxos.proposerPhase.accept': '阶段二（Accept）',
  'paxos.proposerPhase.done': '已知被选定的 value',
  'paxos.ev.propose': '{{node}} 收到请求：提出 value {{value}}',
  'paxos.ev.prepare': '{{node}} 开始阶段一：向所有 Acceptor 发送编号为 {{ballot}} 的 PREPARE 请求（它的 value：{{value}}）',
  'paxos.ev.promise': '{{node}} 向 {{to}} 承诺编号 {{ballot}}，并告知它已接受的提案 ({{acceptedBallot}}, {{acceptedValue}})',
  'paxos.ev.promiseNothing': '{{node}} 向 {{to}} 承诺编号 {{ballot}}（它尚未接受过任何提案）',
  'paxos.ev.promiseAgain': '{{node}} 再次向 {{to}} 承诺编号 {{ballot}}（PREPARE 请求重复到达）',
  'paxos.ev.nackPrepare': '{{node}} 拒绝 {{to}} 编号为 {{ballot}} 的 PREPARE 请求：它已承诺了更高的编号 {{promised}}（NACK）',
  'paxos.ev.nackAccept': '{{node}} 拒绝 {{to}} 编号为 {{ballot}} 的 ACCEPT 请求：它已承诺了更高的编号 {{promised}}（NACK）',
  'paxos.ev.preempted': '{{node}} 被抢占：{{by}} 已承诺编号 {{promised}}，高于它的编号 {{ballot}}',
  'paxos.ev.acceptSent': '{{node}} 已获得 {{promises}} 对编号 {{ballot}} 的承诺，达到 quorum：进入阶段二，向所有 Acceptor 发送 ACCEPT 请求 ({{ballot}}, {{value}})',
  'paxos.ev.valueReplaced': '{{node}} 在编号 {{ballot}} 中必须提出 {{to}}，而不是自己的 {{from}}：{{reportedBy}} 报告已在编号 {{reportedBallot}} 接受了 {{to}}，这是所有承诺中编号最大的提案（P2c）',
  'paxos.ev.accepted': '{{node}} 接受提案 ({{ballot}}, {{value}})，并通知它的 Proposer 和所有 Learner',
  'paxos.ev.acceptedAgain': '{{node}} 再次接受提案 ({{ballot}}, {{value}})（ACCEPT 请求重复到达）',
  'paxos.ev.chosenKnown': '{{node}} 得知 {{value}} 已被选定：{{acceptors}} 接受了编号 {{ballot}}，达到 quorum',
  'paxos.ev.learned': '{{node}} 学习到 {{value}}：{{acceptors}} 接受了编号 {{ballot}}，达到 quorum',
  'paxos.ev.relearned': '{{node}} 学习到 {{value}}（编号 {{ballot}}，由 {{acceptors}} 接受），而它之前学习到的是 {{previous}}',
  'paxos.ev.retryNack': '{{node}} 放弃编号 {{ballot}}，将在 {{delay}} 毫秒后以更高的编号重试',
  'paxos.ev.retryNackNow': '{{node}} 放弃编号 {{ballot}}，立即以更高的编号重试',
  'paxos.ev.retryTimeout': '{{node}} 未能及时得到 quorum 对编号 {{ballot}} 的响应：将在 {{delay}} 毫秒后以更高的编号重试',
  'paxos.ev.retryTimeoutNow': '{{node}} 未能及时得到 quorum 对编号 {{ballot}} 的响应：立即以更高的编号重试',
  'paxos.ev.standBack': '{{node}} 放弃编号 {{ballot}} 并退让 {{delay}} 毫秒：{{leader}} 是主 Proposer',
  'paxos.ev.forgot': '{{node}} 重启后没有持久存储：忘记了对编号 {{promised}} 的承诺，以及它已接受的提案 {{accepted}}',
  'paxos.ev.forgotPromise': '{{node}} 重启后没有持久存储：忘记了对编号 {{promised}} 的承诺',
  ...invariantText('zh'),
};
