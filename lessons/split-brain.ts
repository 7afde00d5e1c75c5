import type { Lesson } from './types.ts';

/** Partitions and split brain (脑裂), notes 004 §11.1, §11.2: why 2f+1, why 3 and 4 tolerate the same. */
export const splitBrain: Lesson = {
  id: 'split-brain',
  title: { en: 'Partitions and split brain', 'zh-CN': '网络分区与脑裂' },
  ensemble: 'voters=4&seed=6',
  steps: [
    {
      narration: {
        en: 'Four voters elect zk4. A quorum of four is three (more than half of 4). Kill zk2: three servers remain, still a quorum, and a write succeeds. So four servers survive one failure.',
        'zh-CN': '四个投票者选出 zk4。四台的过半是三台（超过 4 的一半）。杀掉 zk2：还剩三台，仍然过半，写入成功。所以四台服务器能容忍一台故障。',
      },
      actions: ['lab run 3s', 'lab kill 2', 'create /a 1'],
      checks: [
        { kind: 'state', server: 4, is: 'LEADING' },
        { kind: 'output', contains: 'Created /a' },
      ],
    },
    {
      narration: {
        en: 'Bring zk2 back and cut the leader zk4 off from the other three. This is where split brain (脑裂) could happen: two leaders, each accepting writes. It does not: zk4 alone is 1 of 4, it no longer hears a quorum of followers and steps down, while zk1, zk2 and zk3 (3 of 4) elect zk3 in a new epoch. Only the side with a majority can have a leader, and two majorities of the same ensemble always overlap, so there can never be two.',
        'zh-CN': '让 zk2 重新启动，然后把 Leader zk4 与另外三台隔开。这正是可能发生脑裂的时刻：出现两个 Leader，各自接受写入。但它不会发生：zk4 只有四分之一，收不到过半 Follower 的心跳而退位；zk1、zk2、zk3（四分之三）则以新的 epoch 选出 zk3。只有拥有过半的一侧才能有 Leader，而同一集群的两个过半集合必然相交，所以永远不会有两个 Leader。',
      },
      actions: ['lab start 2', 'lab run 3s', 'lab partition 1,2,3 4', 'lab run 20s', 'lab status'],
      checks: [
        { kind: 'state', server: 4, is: 'LOOKING' },
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'epoch', server: 3, is: 2 },
      ],
    },
    {
      narration: {
        en: 'Heal, then split the four servers two against two. Neither side has more than half (2 is not more than 4/2), so neither side can elect a leader and the whole ensemble stops serving. Four servers tolerate one failure, exactly like three; the fourth server buys nothing but one more machine that can fail. That is why ensembles have an odd size, 2f+1 servers to tolerate f failures.',
        'zh-CN': '恢复网络，再把四台服务器分成二对二。任何一侧都没有过半（2 不大于 4/2），所以两侧都选不出 Leader，整个集群停止服务。四台服务器和三台一样只能容忍一台故障；第四台服务器什么也没带来，只是多了一台可能出故障的机器。这就是集群规模取奇数的原因：要容忍 f 台故障，需要 2f+1 台服务器。',
      },
      actions: ['lab heal', 'lab run 5s', 'lab partition 1,2 3,4', 'lab run 20s', 'lab status', 'lab 4lw 1 srvr'],
      checks: [
        { kind: 'state', server: 1, is: 'LOOKING' },
        { kind: 'state', server: 3, is: 'LOOKING' },
        { kind: 'state', server: 4, is: 'LOOKING' },
        { kind: 'output', contains: 'This ZooKeeper instance is not currently serving requests' },
      ],
    },
  ],
  challenge: {
    en: 'Heal the network and find a partition of these four servers into two groups in which the ensemble keeps serving. Then explain why no partition of four servers can keep both groups serving.',
    'zh-CN': '恢复网络，找出一种把这四台服务器分成两组、集群仍能继续服务的分区方式。再解释为什么四台服务器的任何分区都不可能让两组同时提供服务。',
  },
};
