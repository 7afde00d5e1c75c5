/**
 * The processes' events as structured text (an i18n key and its values) and the templates of every
 * key in English and 简体中文, shared by 2PC and 3PC. Keys are `commit.ev.<name>`,
 * `commit.role.<role>`, `commit.phase.<phase>` and `commit.inv.<invariant>`. Process names,
 * transactions and outcomes are values, never part of a template; an outcome is rendered through
 * its own key in the template's language (`{{outcome}}` is already a word of that language).
 *
 * Chinese terms follow the study notes (003 §1): 协调者, 参与者, 事务, 投票, 提交, 回滚/中断,
 * 预提交, 阻塞, 超时, 事务资源 (locks: 锁); packet names stay as the protocols spell them.
 */
import type { StructuredText } from '../../sim/module.ts';
import { commitInvariants } from './invariants.ts';
import type { CommitEvent, DecisionSource } from './types.ts';

const list = (xs: readonly string[]) => (xs.length === 0 ? '-' : xs.join(', '));

const SOURCE_KEY: Record<DecisionSource, string> = {
  votes: 'decidedVotes',
  'no-vote': 'decidedNoVote',
  'vote-timeout': 'decidedVoteTimeout',
  'ack-timeout': 'decidedAckTimeout',
  recovery: 'decidedRecovery',
  coordinator: 'decidedCoordinator',
  peer: 'decidedPeer',
  'own-no': 'decidedOwnNo',
  unilateral: 'decidedUnilateral',
  timeout: 'decidedTimeout',
};

/** An event as text: its key and values (the reporting process is `node`). */
export function eventText(ev: CommitEvent): StructuredText {
  const k = (key: string, values: Record<string, string | number> = {}): StructuredText => ({ key: `commit.ev.${key}`, values: { node: ev.node, ...values } });
  switch (ev.kind) {
    case 'begin':
      return k('begin', { txn: ev.txn, participants: list(ev.participants) });
    case 'voted':
      return ev.vote === 'yes' ? k('votedYes', { txn: ev.txn }) : k('votedNo', { txn: ev.txn });
    case 'vote-armed':
      return k(ev.vote === 'no' ? 'armedNo' : 'armedYes');
    case 'vote-timeout':
      return k('voteTimeout', { txn: ev.txn, missing: list(ev.missing) });
    case 'precommit':
      return k(ev.node === 'c' ? 'precommitSent' : 'precommitted', { txn: ev.txn });
    case 'decided': {
      const key = `${SOURCE_KEY[ev.source]}${ev.outcome === 'commit' ? 'Commit' : 'Abort'}`;
      return k(key, { txn: ev.txn, from: ev.from ?? '-' });
    }
    case 'ask':
      return k(ev.afterMs === 0 ? 'askRecovered' : ev.state === 'precommitted' ? 'askPrecommitted' : 'ask', { txn: ev.txn, ms: ev.afterMs, asked: list(ev.asked), count: ev.attempt });
    case 'completed':
      return k(ev.outcome === 'commit' ? 'completedCommit' : 'completedAbort', { txn: ev.txn });
    case 'recovered':
      return k('recovered', { open: list(ev.open), count: ev.open.length });
  }
}

const inv = (lang: 'en' | 'zh') => Object.fromEntries(commitInvariants('2pc').map((i) => [`commit.inv.${i.name}`, i[lang]]));

export const COMMIT_TEXT_EN: Readonly<Record<string, string>> = {
  'commit.role.coordinator': 'coordinator',
  'commit.role.idle': 'participant',
  'commit.role.uncertain': 'uncertain (holding locks)',
  'commit.role.precommitted': 'pre-committed (holding locks)',
  'commit.role.blocked': 'blocked (holding locks)',
  'commit.role.committed': 'committed',
  'commit.role.aborted': 'aborted',

  'commit.phase.vote': 'phase 1: vote',
  'commit.phase.precommit': 'pre-commit (3PC)',
  'commit.phase.commit': 'outcome: commit',
  'commit.phase.abort': 'outcome: abort',
  'commit.phase.ack': 'ACK',
  'commit.phase.termination': 'termination protocol',

  'commit.ev.begin': '{{node}} begins {{txn}} and asks {{participants}} to vote.',
  'commit.ev.votedYes': '{{node}} votes yes on {{txn}}, logs it, and is now uncertain: it holds its locks until it hears the outcome.',
  'commit.ev.votedNo': '{{node}} votes no on {{txn}} (as `vote {{node}} no` asked).',
  'commit.ev.armedNo': '{{node}} will vote no on the next transaction.',
  'commit.ev.armedYes': '{{node}} will vote yes on the next transaction.',
  'commit.ev.voteTimeout': '{{node}} waited in vain for the votes on {{txn}} (missing: {{missing}}).',
  'commit.ev.precommitSent': '{{node}}: every vote on {{txn}} is yes; it logs PRE-COMMIT and sends it to every participant.',
  'commit.ev.precommitted': '{{node}} is pre-committed on {{txn}}: everyone voted yes; it still holds its locks.',
  'commit.ev.decidedVotesCommit': '{{node}} decides COMMIT for {{txn}}: every participant voted yes. Logged, then sent.',
  'commit.ev.decidedVotesAbort': '{{node}} decides ABORT for {{txn}}.',
  'commit.ev.decidedNoVoteCommit': '{{node}} decides COMMIT for {{txn}}.',
  'commit.ev.decidedNoVoteAbort': '{{node}} decides ABORT for {{txn}}: a participant voted no.',
  'commit.ev.decidedVoteTimeoutCommit': '{{node}} decides COMMIT for {{txn}} though not every vote came in: silence counted as yes (bug switch commitWithoutVotes).',
  'commit.ev.decidedVoteTimeoutAbort': '{{node}} decides ABORT for {{txn}}: not every vote came in time.',
  'commit.ev.decidedAckTimeoutCommit': '{{node}} decides COMMIT for {{txn}}: not every PRE-COMMIT was ACKed in time, but everyone voted yes.',
  'commit.ev.decidedAckTimeoutAbort': '{{node}} decides ABORT for {{txn}}.',
  'commit.ev.decidedRecoveryCommit': '{{node}} restarted with {{txn}} pre-committed in its log and undecided: it commits.',
  'commit.ev.decidedRecoveryAbort': '{{node}} restarted with {{txn}} begun in its log and undecided: it never sent a commit, so it aborts.',
  'commit.ev.decidedCoordinatorCommit': '{{node}} commits {{txn}} as {{from}} tells it, and releases its locks.',
  'commit.ev.decidedCoordinatorAbort': '{{node}} aborts {{txn}} as {{from}} tells it, and releases its locks.',
  'commit.ev.decidedPeerCommit': '{{node}} learns from {{from}} that {{txn}} committed (termination protocol) and commits.',
  'commit.ev.decidedPeerAbort': '{{node}} learns from {{from}} that {{txn}} aborted (termination protocol) and aborts.',
  'commit.ev.decidedOwnNoCommit': '{{node}} commits {{txn}}.',
  'commit.ev.decidedOwnNoAbort': '{{node}} aborts {{txn}} at once: it voted no.',
  'commit.ev.decidedUnilateralCommit': '{{node}} commits {{txn}}.',
  'commit.ev.decidedUnilateralAbort': '{{node}} had not voted on {{txn}} when {{from}} asked: it aborts it alone and answers abort.',
  'commit.ev.decidedTimeoutCommit': '{{node}} heard nothing more on {{txn}} while pre-committed and commits alone on its timeout.',
  'commit.ev.decidedTimeoutAbort': '{{node}} heard nothing on {{txn}} while uncertain and aborts alone on its timeout.',
  'commit.ev.ask_one': '{{node}} waited {{ms}} ms for the outcome of {{txn}} and asks {{asked}} (termination protocol).',
  'commit.ev.ask_other': '{{node}} still does not know the outcome of {{txn}}: it asks {{asked}} again (attempt {{count}}) — blocked, holding its locks.',
  'commit.ev.askPrecommitted_one': '{{node}} restarted pre-committed on {{txn}} and asks {{asked}}.',
  'commit.ev.askPrecommitted_other': '{{node}} still does not know the outcome of {{txn}}: it asks {{asked}} again (attempt {{count}}).',
  'commit.ev.askRecovered_one': '{{node}} restarted with {{txn}} undecided in its log: it asks {{asked}} and holds its locks meanwhile.',
  'commit.ev.askRecovered_other': '{{node}} restarted with {{txn}} undecided in its log: it asks {{asked}} (attempt {{count}}).',
  'commit.ev.completedCommit': '{{node}}: every participant ACKed the commit of {{txn}}; the transaction is complete.',
  'commit.ev.completedAbort': '{{node}}: every participant ACKed the abort of {{txn}}; the transaction is complete.',
  'commit.ev.recovered_one': '{{node}} restarted; its log has {{open}} still open.',
  'commit.ev.recovered_other': '{{node}} restarted; its log has {{count}} transactions still open: {{open}}.',
  ...inv('en'),
};

export const COMMIT_TEXT_ZH: Readonly<Record<string, string>> = {
  'commit.role.coordinator': '协调者',
  'commit.role.idle': '参与者',
  'commit.role.uncertain': '不确定（持有锁）',
  'commit.role.precommitted': '已预提交（持有锁）',
  'commit.role.blocked': '阻塞（持有锁）',
  'commit.role.committed': '已提交',
  'commit.role.aborted': '已回滚',

  'commit.phase.vote': '阶段一：投票',
  'commit.phase.precommit': '预提交（3PC）',
  'commit.phase.commit': '结果：提交',
  'commit.phase.abort': '结果：回滚',
  'commit.phase.ack': 'ACK',
  'commit.phase.termination': '终止协议',

  'commit.ev.begin': '{{node}} 开始事务 {{txn}}，请 {{participants}} 投票。',
  'commit.ev.votedYes': '{{node}} 对 {{txn}} 投 Yes 并写入日志，进入不确定状态：在得知结果前一直持有锁。',
  'commit.ev.votedNo': '{{node}} 对 {{txn}} 投 No（按 `vote {{node}} no` 的要求）。',
  'commit.ev.armedNo': '{{node}} 将对下一个事务投 No。',
  'commit.ev.armedYes': '{{node}} 将对下一个事务投 Yes。',
  'commit.ev.voteTimeout': '{{node}} 等待 {{txn}} 的投票超时（缺少：{{missing}}）。',
  'commit.ev.precommitSent': '{{node}}：{{txn}} 的投票全是 Yes；它记录 PRE-COMMIT 并发给所有参与者。',
  'commit.ev.precommitted': '{{node}} 对 {{txn}} 已预提交：所有人都投了 Yes；它仍持有锁。',
  'commit.ev.decidedVotesCommit': '{{node}} 决定提交 {{txn}}：所有参与者都投了 Yes。先写日志，再发送。',
  'commit.ev.decidedVotesAbort': '{{node}} 决定回滚 {{txn}}。',
  'commit.ev.decidedNoVoteCommit': '{{node}} 决定提交 {{txn}}。',
  'commit.ev.decidedNoVoteAbort': '{{node}} 决定回滚 {{txn}}：有参与者投了 No。',
  'commit.ev.decidedVoteTimeoutCommit': '{{node}} 在投票没有到齐时就决定提交 {{txn}}：把沉默当成了 Yes（故障开关 commitWithoutVotes）。',
  'commit.ev.decidedVoteTimeoutAbort': '{{node}} 决定回滚 {{txn}}：投票没有按时到齐。',
  'commit.ev.decidedAckTimeoutCommit': '{{node}} 决定提交 {{txn}}：并非每个 PRE-COMMIT 都按时收到 ACK，但所有人都投了 Yes。',
  'commit.ev.decidedAckTimeoutAbort': '{{node}} 决定回滚 {{txn}}。',
  'commit.ev.decidedRecoveryCommit': '{{node}} 重启后发现日志中 {{txn}} 已预提交但未决定：它提交。',
  'commit.ev.decidedRecoveryAbort': '{{node}} 重启后发现日志中 {{txn}} 已开始但未决定：它从未发出提交，所以回滚。',
  'commit.ev.decidedCoordinatorCommit': '{{node}} 按 {{from}} 的通知提交 {{txn}}，释放锁。',
  'commit.ev.decidedCoordinatorAbort': '{{node}} 按 {{from}} 的通知回滚 {{txn}}，释放锁。',
  'commit.ev.decidedPeerCommit': '{{node}} 从 {{from}} 得知 {{txn}} 已提交（终止协议），于是提交。',
  'commit.ev.decidedPeerAbort': '{{node}} 从 {{from}} 得知 {{txn}} 已回滚（终止协议），于是回滚。',
  'commit.ev.decidedOwnNoCommit': '{{node}} 提交 {{txn}}。',
  'commit.ev.decidedOwnNoAbort': '{{node}} 投了 No，立即回滚 {{txn}}。',
  'commit.ev.decidedUnilateralCommit': '{{node}} 提交 {{txn}}。',
  'commit.ev.decidedUnilateralAbort': '{{from}} 询问时 {{node}} 尚未对 {{txn}} 投票：它单方面回滚并回答回滚。',
  'commit.ev.decidedTimeoutCommit': '{{node}} 在已预提交状态下没有再收到 {{txn}} 的消息，超时后自行提交。',
  'commit.ev.decidedTimeoutAbort': '{{node}} 在不确定状态下没有收到 {{txn}} 的消息，超时后自行回滚。',
  'commit.ev.ask_other': '{{node}} 不知道 {{txn}} 的结果：询问 {{asked}}（第 {{count}} 次，终止协议）——阻塞中，持有锁。',
  'commit.ev.askPrecommitted_other': '{{node}} 不知道 {{txn}} 的结果：询问 {{asked}}（第 {{count}} 次）。',
  'commit.ev.askRecovered_other': '{{node}} 重启后日志中 {{txn}} 尚未决定：询问 {{asked}}（第 {{count}} 次），其间持有锁。',
  'commit.ev.completedCommit': '{{node}}：所有参与者都 ACK 了 {{txn}} 的提交；事务完成。',
  'commit.ev.completedAbort': '{{node}}：所有参与者都 ACK 了 {{txn}} 的回滚；事务完成。',
  'commit.ev.recovered_other': '{{node}} 重启；日志中有 {{count}} 个事务尚未结束：{{open}}。',
  ...inv('zh'),
};
