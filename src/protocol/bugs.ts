/**
 * The bug museum: each protocol-bug switch (QuorumConfig.bugs, `?bugs=…` in a URL) breaks one
 * rule of ZooKeeper on purpose, at the place marked "BUG SWITCH" in src/protocol. Each exhibit
 * has a preset fault schedule — scenario-script lines (`new …`, lab commands without the `lab`
 * prefix, `write S N` for N client writes through server S) — that turns the named invariant red
 * with the switch on, while the same schedule passes every check with the switch off
 * (src/worker/bugs.test.ts proves both). Lessons and the UI can show the explanation.
 */
import type { BugName } from './types.ts';
import type { InvariantName } from './checkers/invariants.ts';

export interface BugExhibit {
  bug: BugName;
  /** The invariant that goes red (others may follow). */
  invariant: InvariantName;
  /** Where the rule lives in ZooKeeper's source. */
  where: string;
  /** The schedule: its first line is `new …` (without `bugs=`); the switch is added when on. */
  schedule: string[];
  /** After the schedule: heal, start every server (but these) and check liveness within this many simulated ms. */
  settleMs: number;
  keepDown?: number[];
  en: string;
  zh: string;
}

export const BUG_MUSEUM: readonly BugExhibit[] = [
  {
    bug: 'commitWithoutQuorum',
    invariant: 'AckedWriteDurable',
    where: 'Leader.tryToCommit',
    schedule: ['new voters=3 seed=1', 'run 3s', 'partition 1,2 3', 'write 3 1', 'run 25s', 'heal', 'run 10s'],
    settleMs: 30000,
    en: 'The leader commits a proposal as soon as it has logged it, without waiting for a quorum of ACKs. '
      + 'Cut off from its followers, leader zk3 commits a write and tells the client "ok"; meanwhile zk1 and zk2 '
      + 'elect a new leader that never saw that write. When the partition heals, zk3 is truncated to the new '
      + "leader's history: a write the client was told succeeded is gone. A quorum matters because any two "
      + 'quorums share a server, so the next leader always carries every committed write.',
    zh: 'Leader 记录提议后立即提交，不等待多数派的 ACK。与 Follower 隔绝的 Leader zk3 提交了一次写入并告诉客户端“成功”；'
      + '与此同时 zk1 和 zk2 选出了从未见过这次写入的新 Leader。分区恢复后，zk3 被截断为新 Leader 的历史：'
      + '客户端被告知成功的写入消失了。多数派之所以重要，是因为任意两个多数派必有交集，下一任 Leader 因此总持有全部已提交的写入。',
  },
  {
    bug: 'electOnSidAlone',
    invariant: 'Liveness',
    where: 'FastLeaderElection.totalOrderPredicate',
    schedule: ['new voters=3 seed=2', 'run 3s', 'kill 3', 'run 5s', 'write 1 2', 'run 2s', 'kill 2', 'start 3', 'run 30s'],
    settleMs: 45000,
    keepDown: [2],
    en: 'The election compares votes by server id only, ignoring peerEpoch and zxid. zk3 missed the writes of '
      + 'epoch 2, yet after zk2 dies (and stays down) it wins every election because it has the highest id. ZAB\'s second line of '
      + 'defence holds — zk1 is "ahead of the leader" and refuses to follow — so no data is lost, but the '
      + 'ensemble elects the stale zk3 again and again and never serves: a liveness bug. The real rule elects '
      + 'the most up-to-date server, which can always gather a quorum.',
    zh: '选举只按服务器 id 比较选票，忽略 peerEpoch 和 zxid。zk3 错过了 epoch 2 的写入，但 zk2 宕机后它凭最大的 id 赢得每一轮选举。'
      + 'ZAB 的第二道防线仍然有效——zk1“领先于 Leader”并拒绝追随——所以数据没有丢失，但集群一次又一次选出落后的 zk3，'
      + '始终无法提供服务：这是活性缺陷。正确的规则选出数据最新的服务器，它总能获得多数派支持。',
  },
  {
    bug: 'skipTrunc',
    invariant: 'PrefixConsistency',
    where: 'LearnerHandler.syncFollower',
    schedule: ['new voters=3 seed=10', 'run 3s', 'write 1 2', 'run 1s', 'write 3 2', 'run 1ms', 'kill 3', 'run 3s', 'start 3', 'run 3s'],
    settleMs: 20000,
    en: 'When a learner has logged proposals the new leader never committed, the leader must send TRUNC so the '
      + 'learner cuts them from its log. With this switch it sends DIFF instead. Old leader zk3 logged two '
      + 'proposals nobody else saw, then died; zk2 leads epoch 2 without them. When zk3 returns it keeps the two '
      + 'phantom transactions in its log and DataTree: its history no longer agrees with the leader\'s on their '
      + 'common prefix, and its clients read data that was never committed.',
    zh: '当 Learner 记录了新 Leader 从未提交的提议时，Leader 必须发送 TRUNC 让它从日志中删去这些提议。开启此开关后 Leader 改发 DIFF。'
      + '旧 Leader zk3 记录了两个无人见过的提议后宕机；zk2 在没有它们的情况下领导 epoch 2。zk3 回来后把这两个“幽灵”事务留在日志和 DataTree 中：'
      + '它的历史与 Leader 的共同前缀不再一致，它的客户端读到了从未提交的数据。',
  },
  {
    bug: 'forgetAcceptedEpoch',
    invariant: 'Leadership2',
    where: 'QuorumPeer.loadDataBase (acceptedEpoch file)',
    schedule: ['new voters=3 seed=4', 'run 3s', 'write 1 2', 'run 1s', 'kill 1', 'kill 2', 'kill 3', 'start 1', 'start 2', 'run 10s'],
    settleMs: 30000,
    en: 'Every server persists acceptedEpoch, the highest epoch it has promised to follow, and a new leader picks '
      + 'an epoch above every acceptedEpoch of its quorum. With this switch the file is lost at every restart. '
      + 'After a full restart zk1 and zk2 remember epoch 0, so the new leader zk2 picks epoch 1 — the epoch zk3 '
      + 'already led. Two leaders established in one epoch break the uniqueness of zxids: zk2 hands out '
      + '0x100000001 again, naming a different transaction than the one zk3 committed under that zxid.',
    zh: '每台服务器都持久化 acceptedEpoch，即它承诺追随的最高 epoch；新 Leader 选择的 epoch 要高于其多数派中所有的 acceptedEpoch。'
      + '开启此开关后，每次重启都会丢失这个文件。全部重启后 zk1 和 zk2 只记得 epoch 0，于是新 Leader zk2 选择了 epoch 1——zk3 已经领导过的 epoch。'
      + '同一 epoch 出现两个已确立的 Leader，破坏了 zxid 的唯一性：zk2 再次分配 0x100000001，它指向的事务与 zk3 在该 zxid 下提交的不同。',
  },
  {
    bug: 'countObserverAcks',
    invariant: 'AckedWriteDurable',
    where: 'Leader.tryToCommit (QuorumMaj)',
    schedule: ['new voters=3 observers=2 seed=5', 'run 3s', 'partition 1,2 3,4,5', 'write 3 1', 'run 25s', 'heal', 'run 10s'],
    settleMs: 30000,
    en: 'Observers receive committed transactions but never vote: only voters\' ACKs count towards a quorum. '
      + 'With this switch observers ACK proposals and their ACKs count. Leader zk3, cut off from voters zk1 and '
      + 'zk2 but still reaching observers zk4 and zk5, gathers three ACKs out of "three voters" and commits a '
      + 'write the client is told succeeded. zk1 and zk2 — a real voting quorum — elect a leader without it, '
      + 'and the acknowledged write is lost.',
    zh: 'Observer 接收已提交的事务但从不投票：只有投票成员的 ACK 计入多数派。开启此开关后，Observer 会 ACK 提议且其 ACK 被计入。'
      + 'Leader zk3 与投票成员 zk1、zk2 隔绝，但仍能连到 Observer zk4、zk5，它凑齐三个 ACK（“三个投票成员”中的三个）并提交了一次写入，'
      + '客户端被告知成功。zk1 和 zk2——真正的投票多数派——选出了没有这次写入的 Leader，已确认的写入丢失了。',
  },
  {
    bug: 'applyBeforeLogging',
    invariant: 'Replay',
    where: 'Learner.syncWithLeader (NEWLEADER)',
    schedule: ['new voters=3 seed=6', 'run 3s', 'write 2 1', 'run 1s', 'kill 1', 'write 2 3', 'run 1s', 'start 1', 'run 5s'],
    settleMs: 20000,
    en: 'A learner that syncs by DIFF must write the transactions to its log before it ACKs NEWLEADER: that ACK '
      + 'tells the leader the learner holds them durably and counts towards the quorum that makes them safe. '
      + 'With this switch zk1 applies them to its DataTree and ACKs first, and logs them only at UPTODATE. In '
      + 'between, its DataTree is ahead of its disk; a crash in that window would lose transactions the leader '
      + 'counted on (ZOOKEEPER-3911 is a real bug of this family).',
    zh: '通过 DIFF 同步的 Learner 必须在 ACK NEWLEADER 之前把事务写入日志：这个 ACK 告诉 Leader 它已持久保存这些事务，并计入保证其安全的多数派。'
      + '开启此开关后，zk1 先把事务应用到 DataTree 并 ACK，直到 UPTODATE 才写日志。在此期间它的 DataTree 领先于磁盘；'
      + '若此时崩溃，Leader 所依赖的事务就会丢失（ZOOKEEPER-3911 就是这一类的真实缺陷）。',
  },
];

/**
 * Bug switches of dynamic reconfiguration (reconfigEnabled). Their schedules type zkCli lines
 * (`zkcli …`, the scenario scripts' directive: one zkCli session on zk1), which a page preset cannot
 * run, so they are not in the page's museum (BUG_MUSEUM); `?bugs=…` switches them on all the same,
 * and src/worker/bugs.test.ts proves them as it proves the museum's.
 */
export const RECONFIG_BUG_EXHIBITS: readonly BugExhibit[] = [
  {
    bug: 'reconfigWithoutOldQuorum',
    invariant: 'ReconfigQuorum',
    where: 'Leader.processAck / Proposal.hasAllQuorums',
    schedule: [
      'new voters=3 seed=20 reconfigEnabled=true superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=',
      'run 3s', 'add voter', 'add voter', 'run 3s', 'zkcli addauth digest super:admin',
      'delay 1->3 5000ms', 'delay 2->3 5000ms',
      'zkcli reconfig -add server.4=zk4:2888:3888:participant;zk4:2181,server.5=zk5:2888:3888:participant;zk5:2181',
      'run 8s', 'delay 1->3 0ms', 'delay 2->3 0ms', 'run 5s',
    ],
    settleMs: 30000,
    en: 'While a reconfiguration is in flight two configurations matter: the old one, whose quorums may '
      + 'elect the next leader, and the new one, which will run the ensemble. So the leader commits a reconfig '
      + 'only when a quorum of each has logged it. With this switch the new config\'s quorum is enough. '
      + 'Leader zk3 adds voters zk4 and zk5 while zk1 and zk2 answer slowly: zk3, zk4 and zk5 ACK, a quorum '
      + 'of the five but not of the old three — had zk3 died then, zk1 and zk2 (a quorum of the old config) '
      + 'could elect a leader that never saw the new config, and two configurations would run at once.',
    zh: '重新配置进行期间有两个配置同时起作用：旧配置（它的多数派可能选出下一任 Leader）与新配置（它将管理集群）。'
      + '因此 Leader 只有在两者各自的多数派都记录了重新配置之后才提交。开启此开关后，新配置的多数派就足够了。'
      + 'Leader zk3 在 zk1、zk2 响应缓慢时添加投票成员 zk4、zk5：zk3、zk4、zk5 发出 ACK，是五台中的多数，却不是旧三台中的多数——'
      + '若 zk3 此时宕机，zk1 和 zk2（旧配置的多数派）可能选出从未见过新配置的 Leader，两个配置将同时运行。',
  },
];
