import type { Lesson } from './types.ts';

/**
 * Chubby's use of Multi-Paxos (notes 003 §3.1: five replicas, a Master elected by a majority, the
 * Master lease, clients that find the Master and send it every request; §3.1.5: the Master as the
 * one proposer of Multi-Paxos). The lab has no lease timer of its own: heartbeats and the
 * followers' election timeout play its part, and the narration says so. Seed 1: r4 leads first,
 * r3 next. Processes: r1–r5 = 1–5.
 */
export const chubby: Lesson = {
  id: 'chubby',
  title: {
    en: 'Chubby: a master elected through Multi-Paxos',
    'zh-CN': 'Chubby：通过 Multi-Paxos 选出 Master',
  },
  ensemble: 'protocol=multipaxos&replicas=5&seed=1',
  steps: [
    {
      narration: {
        en: 'Google\'s Chubby, a lock service, runs as a cell of usually five servers; each keeps a replica of the database, and through Paxos they elect one of them Master, which needs the votes of a majority. This lab plays such a cell: five Multi-Paxos replicas r1–r5. After 1.5 s, r4 sends PREPARE 1.4 to the other four, and as soon as a majority has promised (r1, r2 and itself: three of five) it is the Master. `lab status` shows `r4: leader, ballot 1.4` and every other replica `leader: r4 (ballot 1.4)`. Five servers tolerate two failures; three or four would tolerate only one.',
        'zh-CN': 'Google 的 Chubby 是一个分布式锁服务，一个 Chubby 集群通常由 5 台服务器组成，每台都维护一份数据库副本，它们通过 Paxos 投票，选出一台获得过半投票的服务器作为 Master。这个实验就扮演这样一个集群：五个 Multi-Paxos 副本 r1–r5。1.5 秒后 r4 向其余四个副本发送 PREPARE 1.4，一旦过半作出承诺（r1、r2 加上它自己：五个中的三个），它就成为 Master。`lab status` 显示 `r4: leader, ballot 1.4`，其余每个副本显示 `leader: r4 (ballot 1.4)`。五台服务器能容忍两台故障；三台或四台都只能容忍一台。',
      },
      actions: ['lab run 3s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 4, to: 1 },
        { kind: 'packet', type: 'PROMISE', from: 2, to: 4 },
        { kind: 'output', contains: 'r4: leader, ballot 1.4' },
        { kind: 'output', contains: 'leader: r4 (ballot 1.4)' },
      ],
    },
    {
      narration: {
        en: 'A Chubby client does not know which server is Master. It gets the list of servers from DNS and asks them one by one; a server that is not the Master answers with the Master\'s identity. Play the lost client: send a request to r2 (`propose r2 lock=c1`). r2 does not propose anything — the event log says it is not the leader and points to r4 — so no ACCEPT leaves any replica and the log stays empty. Only the Master may write.',
        'zh-CN': 'Chubby 客户端并不知道哪台服务器是 Master。它先从 DNS 得到服务器列表，再逐个询问；不是 Master 的服务器会把当前 Master 的标识告诉客户端。扮演这个找不到路的客户端：把请求发给 r2（`propose r2 lock=c1`）。r2 不会提出任何提案——事件日志说它不是领导者，并指向 r4——所以没有任何副本发出 ACCEPT，日志仍是空的。只有 Master 才能写。',
      },
      actions: ['propose r2 lock=c1', 'lab run 500ms', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', absent: true },
        { kind: 'output', contains: 'slot 1:', absent: true },
        { kind: 'output', contains: 'leader: r4 (ballot 1.4)' },
      ],
    },
    {
      narration: {
        en: 'Now the client sends everything to the Master (`propose VALUE` goes to the leader): take the lock, then write a small file. The Master broadcasts each write through Multi-Paxos — one ACCEPT per slot to all four replicas, phase 2 only — and answers the client once a majority has accepted it: three of five suffice. The grid reads `slot 1: lock=c1 chosen` and `slot 2: file=v1 chosen`. (In Chubby, reads are served by the Master alone without any broadcast; this lab has no reads.)',
        'zh-CN': '现在客户端把所有请求都发给 Master（`propose VALUE` 会发给领导者）：先获取锁，再写一个小文件。Master 通过 Multi-Paxos 把每个写请求广播出去——每个日志槽向四个副本各发一个 ACCEPT，只需阶段二——在过半服务器接受之后才回应客户端：五个中的三个就够了。表格显示 `slot 1: lock=c1 chosen` 和 `slot 2: file=v1 chosen`。（在 Chubby 中，读请求由 Master 单独处理，不需要广播；这个实验没有读操作。）',
      },
      actions: ['propose lock=c1', 'propose file=v1', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', from: 4, to: 5 },
        { kind: 'packet', type: 'ACCEPTED', to: 4 },
        { kind: 'output', contains: 'slot 1: lock=c1 chosen' },
        { kind: 'output', contains: 'slot 2: file=v1 chosen' },
      ],
    },
    {
      narration: {
        en: 'Kill the Master. In Chubby a Master holds a lease: for its duration no other server may become Master, and a healthy Master keeps renewing it. This lab has no separate lease timer — the Master\'s HEARTBEATs and the followers\' election timeout play that part: one second after the kill every replica still names r4 as leader. Only when r3\'s timeout runs out does it send PREPARE with ballot 2.3, for every slot from 3 on, and become the new Master with a majority of promises. The ballot plays the role of Chubby\'s Master epoch number: 2.3 is higher than 1.4, so anything still signed by the old Master is refused.',
        'zh-CN': '杀掉 Master。Chubby 中的 Master 持有租期：在租期内不会有别的服务器成为 Master，运行正常的 Master 会不断续租。这个实验没有单独的租期计时器——由 Master 的 HEARTBEAT 和跟随者的选举超时扮演这个角色：杀掉 r4 一秒后，每个副本仍认 r4 为领导者。直到 r3 的超时到期，它才以编号 2.3 发送 PREPARE，覆盖日志槽 3 起的全部实例，并凭过半的承诺成为新的 Master。编号相当于 Chubby 的 Master 周期：2.3 大于 1.4，旧 Master 周期里的任何请求都会被拒绝。',
      },
      actions: ['lab kill r4', 'lab run 1s', 'lab status', 'lab run 3s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 3, to: 1 },
        { kind: 'output', contains: 'r4: down' },
        { kind: 'output', contains: 'leader: r4 (ballot 1.4)' },
        { kind: 'output', contains: 'r3: leader, ballot 2.3' },
        { kind: 'output', contains: 'leader: r3 (ballot 2.3)' },
      ],
    },
    {
      narration: {
        en: 'The client finds the new Master and goes on: `lock=c2` lands in slot 3, chosen by a majority of the four replicas still alive. Then r4 comes back. Its disk still says it promised 1.4, but the first heartbeat carries ballot 2.3: r4 follows r3, catches up slot 3, and its line reads `r4: follower`. Two Masters never both get a write chosen: a slot needs a majority, and every majority has promised the higher ballot. Underneath the locks and files, that is all Chubby asks of Paxos — a fault-tolerant log that every replica applies in the same order.',
        'zh-CN': '客户端找到新的 Master 并继续工作：`lock=c2` 进入日志槽 3，由四个存活副本中的过半选定。然后 r4 回来了。它的磁盘上仍记着承诺过 1.4，但第一个心跳就带来了编号 2.3：r4 追随 r3，补上日志槽 3，它这一行显示 `r4: follower`。两个 Master 不可能都让写请求被选定：每个日志槽都需要过半，而每个过半集合都已承诺了更高的编号。锁和文件之下，Chubby 对 Paxos 的全部要求就是：一份容错的日志，每个副本都按同样的顺序应用它。',
      },
      actions: ['propose lock=c2', 'lab run 1s', 'lab start r4', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'output', contains: 'slot 3: lock=c2 chosen' },
        { kind: 'output', contains: 'r4: follower' },
        { kind: 'output', contains: 'SlotAgreement ok' },
      ],
    },
  ],
  challenge: {
    en: 'How many replicas of this cell can you kill (`lab kill rK`) and still get `propose` chosen? Kill one more than that: what does the leader do with your value, and what happens when you start one again?',
    'zh-CN': '这个集群最多能杀掉几个副本（`lab kill rK`），`propose` 仍能被选定？再多杀一个：领导者会怎样处理你的 value？重新启动一个副本后又会怎样？',
  },
};
