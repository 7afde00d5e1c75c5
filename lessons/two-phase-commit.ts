import type { Lesson } from './types.ts';

/**
 * 2PC and ZAB (notes 004 §9.2, §9.4): why ZAB removed the abort. The real 2PC and 3PC have their
 * own lab and lessons (2pc-basics … commit-to-paxos); this one links to them (`[[id|words]]`,
 * src/ui/lessons/LessonText.tsx).
 */
export const twoPhaseCommit: Lesson = {
  id: 'two-phase-commit',
  title: { en: '2PC, 3PC and why ZAB has no abort', 'zh-CN': '两阶段与三阶段提交，以及 ZAB 为什么去掉了中止' },
  ensemble: 'voters=3&seed=21',
  steps: [
    {
      narration: {
        en: 'ZAB\'s broadcast looks like two-phase commit: PROPOSAL is "prepare", COMMIT is "commit". But in 2PC each participant may vote no and the coordinator then sends ABORT to everyone. In ZAB a follower cannot refuse: it logs the proposal and ACKs. Look at the log — there is no ABORT packet type at all. The real 2PC and 3PC run in a lab of their own, with a coordinator, participants that vote, block and abort: lessons [[2pc-basics|2PC basics]], [[2pc-blocking|2PC blocks]], [[3pc-crash|3PC and a crash]], [[3pc-partition|3PC and a partition]] and [[commit-to-paxos|from 2PC to Paxos]].',
        'zh-CN': 'ZAB 的广播看起来像两阶段提交（2PC）：PROPOSAL 是“准备”，COMMIT 是“提交”。但在 2PC 中每个参与者都可以投反对票，协调者随即向所有人发送 ABORT。在 ZAB 中 Follower 不能拒绝：它记录提议并回复 ACK。看看日志——根本不存在 ABORT 这种报文。真正的 2PC 与 3PC 在它们自己的实验中运行，有协调者，也有会投票、阻塞和回滚的参与者：见[[2pc-basics|2PC 入门]]、[[2pc-blocking|2PC 的阻塞]]、[[3pc-crash|3PC 与宕机]]、[[3pc-partition|3PC 与网络分区]]和[[commit-to-paxos|从 2PC 到 Paxos]]几课。',
      },
      actions: ['lab run 3s', 'create /t 1', 'lab log PROPOSAL ACK COMMIT'],
      checks: [
        { kind: 'packet', type: 'PROPOSAL', from: 3, to: 2 },
        { kind: 'packet', type: 'ACK', from: 2, to: 3 },
        { kind: 'packet', type: 'COMMIT', from: 3, to: 2 },
      ],
    },
    {
      narration: {
        en: 'Kill follower zk2 and write again. 2PC needs a yes from every participant, so one dead participant blocks or aborts the transaction. ZAB needs only a quorum: zk3 and zk1 are enough and the write commits. Removing the veto is what makes the majority rule possible.',
        'zh-CN': '杀掉 Follower zk2，再写一次。2PC 需要每个参与者都同意，所以一个参与者宕机就会让事务阻塞或中止。ZAB 只需要过半：zk3 和 zk1 就够了，写入被提交。正是去掉了否决权，才让“过半即可”成为可能。',
      },
      actions: ['lab kill 2', 'create /t2 2'],
      checks: [
        { kind: 'state', server: 2, is: 'DOWN' },
        { kind: 'output', contains: 'Created /t2' },
      ],
    },
    {
      narration: {
        en: 'So what happens to a proposal that can never get a quorum? Restart zk2, connect to the leader and cut its links to both followers, then write. Nobody sends an abort. The proposal stays in zk3\'s log, uncommitted; the followers elect a new leader without it; when zk3 comes back the new leader sends TRUNC and zk3 drops it. The "abort" is done by recovery, decided by the new leader\'s history — never by a vote.',
        'zh-CN': '那么，一个永远凑不够过半的提议会怎样？重启 zk2，连接到 Leader，切断它到两个 Follower 的链路，然后写入。没有人发送中止。这个提议留在 zk3 的日志里，未被提交；Follower 在没有它的情况下选出新 Leader；zk3 回来后，新 Leader 发送 TRUNC，zk3 丢弃它。“中止”由崩溃恢复完成，由新 Leader 的历史决定——而不是靠投票。',
      },
      actions: ['lab start 2', 'lab run 3s', 'connect zk3:2181', 'lab cut 3->1', 'lab cut 3->2', 'create /maybe x', 'lab heal', 'lab run 10s', 'get /maybe'],
      checks: [
        { kind: 'output', contains: 'ConnectionLoss' },
        { kind: 'packet', type: 'TRUNC', to: 3 },
        { kind: 'output', contains: 'Node does not exist: /maybe' },
      ],
    },
    {
      narration: {
        en: 'Three-phase commit (3PC) splits the commit into CanCommit, PreCommit and DoCommit so that participants need not block on a dead coordinator: after PreCommit, a participant that hears nothing commits on its own timeout. Under a partition that is exactly how 3PC loses consistency — one side commits by timeout while the other aborts. (The lesson [[3pc-partition|3PC broken by a partition]] plays it on the 3PC lab.) ZAB has no timer that decides anything. Here `lab write 2` sends a write to the leader zk2, `lab step proposal` stops right after its PROPOSAL reaches zk3, and zk2 is killed before any COMMIT leaves it. The proposal is logged on zk3 only, committed nowhere. The next election decides: zk3 has the highest zxid, wins, and as the new leader brings zk1 up to date — /w1 survives without a single COMMIT from the old leader. In step 3 the proposal reached nobody and TRUNC erased it. A proposal that reached a quorum always survives: every new quorum contains a server that logged it, and the highest zxid wins.',
        'zh-CN': '三阶段提交（3PC）把提交拆成 CanCommit、PreCommit、DoCommit，好让参与者不必因协调者宕机而一直阻塞：PreCommit 之后，参与者如果等不到消息，就在超时后自行提交。在网络分区下，3PC 正是这样失去一致性的——一边超时提交，另一边却中止了。（[[3pc-partition|网络分区下的 3PC]]一课在 3PC 实验中演示了这一过程。）ZAB 里没有任何计时器能做这种决定。这里 `lab write 2` 向 Leader zk2 发出一个写请求，`lab step proposal` 在它的 PROPOSAL 刚到达 zk3 时停下，然后在 zk2 发出任何 COMMIT 之前杀掉它。这个提议只记录在 zk3 的日志里，哪里都没有提交。接下来由选举决定：zk3 的 zxid 最大，当选新 Leader，并把 zk1 同步到最新——旧 Leader 一个 COMMIT 都没发，/w1 依然保留了下来。而在第 3 步，提议没有到达任何服务器，被 TRUNC 抹掉了。已经到达过半服务器的提议一定会保留：任何新的过半集合里都至少有一台记录了它，而 zxid 最大者当选。',
      },
      actions: ['lab write 2', 'lab step proposal', 'lab kill 2', 'lab run 5s', 'lab status', 'ls /', 'get /w1'],
      checks: [
        { kind: 'packet', type: 'PROPOSAL', from: 2, to: 3 },
        { kind: 'packet', type: 'COMMIT', from: 2, absent: true },
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'output', contains: '[t, t2, w1, zookeeper]' },
      ],
    },
  ],
  challenge: {
    en: 'Open the bug museum\'s commitWithoutQuorum switch (`bugs=commitWithoutQuorum`) and repeat step 3. What does the client see, and what is lost after the heal?',
    'zh-CN': '打开故障博物馆中的 commitWithoutQuorum 开关（`bugs=commitWithoutQuorum`），重复第 3 步。客户端看到了什么？网络恢复后丢失了什么？',
  },
};
