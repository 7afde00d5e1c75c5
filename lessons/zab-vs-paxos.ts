import type { Lesson } from './types.ts';

/** ZAB and Paxos side by side (notes 004 §9.4): what ZAB adds — the synchronization phase, primary order. */
export const zabVsPaxos: Lesson = {
  id: 'zab-vs-paxos',
  title: { en: 'ZAB and Paxos side by side', 'zh-CN': 'ZAB 与 Paxos 对照' },
  ensemble: 'voters=3&seed=11',
  steps: [
    {
      narration: {
        en: 'After the election, ZAB runs discovery, the counterpart of Paxos phase 1: each follower sends FOLLOWERINFO, the leader proposes a new epoch in LEADERINFO (like a ballot number in Prepare), and the followers promise it with ACKEPOCH (like Promise), reporting their last zxid. Then comes what Paxos does not have: synchronization. The leader brings every follower to its own history (DIFF here), sends NEWLEADER, waits for a quorum of ACKs, then UPTODATE. Only now can it propose anything new.',
        'zh-CN': '选举结束后，ZAB 进入发现阶段，对应 Paxos 的第一阶段：每个 Follower 发送 FOLLOWERINFO，Leader 在 LEADERINFO 中提出新的 epoch（相当于 Prepare 中的提案编号），Follower 用 ACKEPOCH 承诺接受它（相当于 Promise），并报告自己最后的 zxid。接下来是 Paxos 没有的部分：同步阶段。Leader 把每个 Follower 补齐到自己的历史（这里用 DIFF），发送 NEWLEADER，等待过半的 ACK，再发送 UPTODATE。直到这时它才能提出新的事务。',
      },
      actions: ['lab run 3s', 'lab log FOLLOWERINFO LEADERINFO ACKEPOCH NEWLEADER UPTODATE'],
      checks: [
        { kind: 'packet', type: 'LEADERINFO', from: 3 },
        { kind: 'packet', type: 'ACKEPOCH', to: 3 },
        { kind: 'packet', type: 'NEWLEADER', from: 3 },
        { kind: 'packet', type: 'UPTODATE', from: 3 },
      ],
    },
    {
      narration: {
        en: 'Broadcast is Paxos phase 2 without competition: PROPOSAL is Accept, ACK is Accepted, COMMIT announces the decision. Multi-Paxos decides slots independently and may fill them out of order; ZAB has one leader per epoch that numbers proposals with consecutive zxids and delivers them in exactly that order (primary order). /p1 gets 0x100000002 and /p2 0x100000003, and every server applies them in that order.',
        'zh-CN': '广播阶段就是没有竞争的 Paxos 第二阶段：PROPOSAL 相当于 Accept，ACK 相当于 Accepted，COMMIT 宣布决议。Multi-Paxos 的各个槽位独立决定，可能乱序填满；ZAB 每个 epoch 只有一个 Leader，用连续的 zxid 给提议编号，并严格按这个顺序交付（主序，primary order）。/p1 得到 0x100000002，/p2 得到 0x100000003，每台服务器都按这个顺序应用。',
      },
      actions: ['create /p1 a', 'create /p2 b', 'stat /p2'],
      checks: [
        { kind: 'packet', type: 'PROPOSAL', from: 3 },
        { kind: 'packet', type: 'COMMIT', from: 3 },
        { kind: 'output', contains: 'cZxid = 0x100000003' },
      ],
    },
    {
      narration: {
        en: 'Kill the leader. Where Paxos would let a new proposer re-run phase 1 for each undecided slot, ZAB elects the server with the most complete history, moves to epoch 2 in discovery, and synchronizes the survivors to that whole prefix before proposing again. A zxid of epoch 2 always comes after every zxid of epoch 1.',
        'zh-CN': '杀掉 Leader。Paxos 会让新的提议者对每个未决定的槽位重新执行第一阶段；ZAB 则选出历史最完整的服务器，在发现阶段进入 epoch 2，并在提出新事务之前先把存活的服务器同步到这整段前缀。epoch 2 的 zxid 总是排在 epoch 1 的所有 zxid 之后。',
      },
      actions: ['lab kill 3', 'lab run 3s', 'create /p3 c', 'stat /p3'],
      checks: [
        { kind: 'state', server: 2, is: 'LEADING' },
        { kind: 'packet', type: 'LEADERINFO', from: 2 },
        { kind: 'packet', type: 'NEWLEADER', from: 2 },
        { kind: 'epoch', server: 2, is: 2 },
      ],
    },
    {
      narration: {
        en: 'One more write in epoch 2: /p4 gets 0x200000002 — the epoch in the high 32 bits, a counter that restarted at 1 when the epoch changed. Now put the two protocols side by side. The lesson `zab-vs-multipaxos` runs this very schedule (three servers, two writes, kill the leader, write again) on Multi-Paxos, with r3 leading first and r2 next as zk3 and zk2 do here; open it in a second tab. The map: ballot ↔ epoch (and a slot ↔ the zxid\'s counter), PREPARE ↔ LEADERINFO, PROMISE ↔ ACKEPOCH, ACCEPT ↔ PROPOSAL, ACCEPTED ↔ ACK, CHOSEN ↔ COMMIT. What has no counterpart is just as telling: Multi-Paxos has no synchronization phase like DIFF/NEWLEADER/UPTODATE, and it may choose a later slot before an earlier one — which ZAB\'s primary order never allows.',
        'zh-CN': '在 epoch 2 中再写一次：/p4 得到 0x200000002——高 32 位是 epoch，低 32 位的计数器在 epoch 变化时从 1 重新开始。现在把两个协议放在一起看。`zab-vs-multipaxos` 一课在 Multi-Paxos 上运行的正是这个时间表（三台服务器、两次写入、杀掉 Leader、再写一次），先由 r3 领导、再由 r2 接任，和这里的 zk3、zk2 一样；在另一个标签页里打开它。对照表：编号 ↔ epoch（日志槽 ↔ zxid 的计数器），PREPARE ↔ LEADERINFO，PROMISE ↔ ACKEPOCH，ACCEPT ↔ PROPOSAL，ACCEPTED ↔ ACK，CHOSEN ↔ COMMIT。没有对应物的地方同样说明问题：Multi-Paxos 没有 DIFF/NEWLEADER/UPTODATE 这样的同步阶段，而且可能先选定靠后的日志槽、再选定靠前的——ZAB 的主进程顺序绝不允许这样。',
      },
      actions: ['create /p4 d', 'stat /p4'],
      checks: [
        { kind: 'packet', type: 'PROPOSAL', from: 2, to: 1 },
        { kind: 'packet', type: 'ACK', from: 1, to: 2 },
        { kind: 'packet', type: 'COMMIT', from: 2, to: 1 },
        { kind: 'output', contains: 'cZxid = 0x200000002' },
      ],
    },
  ],
  challenge: {
    en: 'Find a moment (use `lab step proposal` and `lab back`) where a follower has logged a PROPOSAL that is not yet committed, kill the leader there, and show that the new leader still commits it. Which Paxos rule does this correspond to?',
    'zh-CN': '找一个时刻（用 `lab step proposal` 和 `lab back`）：某个 Follower 已经记录了 PROPOSAL，但它还没有被提交；就在这时杀掉 Leader，证明新 Leader 仍然会提交它。这对应 Paxos 的哪条规则？',
  },
};
