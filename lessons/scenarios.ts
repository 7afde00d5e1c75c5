import type { Lesson } from './types.ts';

/**
 * Typical application scenarios (notes 004 §6, 002 典型场景, 003 §六): configuration center
 * (publish/subscribe, push + pull), cluster membership, naming service, soft load balancing.
 * Locks, election, barriers and queues are in recipes.ts.
 */
export const scenarios: Lesson = {
  id: 'scenarios',
  title: {
    en: 'Typical scenarios: configuration center, membership, naming, load balancing',
    'zh-CN': '典型应用场景：配置中心、集群管理、命名服务、负载均衡',
  },
  ensemble: 'voters=3&seed=19',
  steps: [
    {
      narration: {
        en: 'A configuration center (配置中心), that is, data publish/subscribe: the operator (console 1) publishes the configuration in the znode /config/app, and two instances of the application (consoles 2 and 3) read it at startup with `get -w`, which also leaves a Watcher on the node. `wchs` on zk1, the server every console is connected to, counts 2 watches. When the operator `set`s timeout=60, zk1 pushes one NodeDataChanged event to each subscriber, and `wchs` now reports 0 paths and Total watches:0: a watch is used up when it fires. Note what the event does not carry: the new value. The subscribers\' consoles print that /config/app changed, but not timeout=60.',
        'zh-CN': '配置中心，也就是数据发布与订阅：运维人员（控制台 1）把配置发布到 znode /config/app 上，应用的两个实例（控制台 2 和 3）启动时用 `get -w` 主动读取一次，同时在节点上注册 Watcher。对 zk1（所有控制台连接的都是它）执行 `wchs`，可以看到 2 个 watch。运维人员用 `set` 把配置改成 timeout=60 后，zk1 向每个订阅者推送一次 NodeDataChanged 事件，`wchs` 随即显示 0 paths、Total watches:0：Watcher 触发一次就被消耗掉了。注意事件里缺了什么——新值：订阅者的控制台只打印出 /config/app 变了，并没有 timeout=60。',
      },
      actions: [
        'lab run 3s',
        'create /config',
        'create /config/app timeout=30',
        '@2 get -w /config/app',
        '@3 get -w /config/app',
        'lab 4lw 1 wchs',
        'set /config/app timeout=60',
        'lab run 100ms',
        'lab 4lw 1 wchs',
      ],
      checks: [
        { kind: 'output', contains: 'Total watches:2' },
        { kind: 'output', contains: 'WatchedEvent state:SyncConnected type:NodeDataChanged path:/config/app' },
        { kind: 'output', contains: 'Total watches:0' },
      ],
    },
    {
      narration: {
        en: 'Before the applications get around to re-reading, the operator publishes again (timeout=90), and nobody is woken: a Watcher is one-shot, and theirs were spent on the previous change. That is why publish/subscribe on ZooKeeper is push plus pull (推拉结合): the event only says "changed", then the client pulls the data with a fresh `get -w`, which reads and re-registers in one call. Both applications read timeout=90 directly and never see 60: a subscriber is guaranteed the latest value, not every version in between. `wchs` counts 2 watches again, so the next change will be pushed.',
        'zh-CN': '应用还没来得及重新读取，运维人员又发布了一次（timeout=90），这一次没有任何人被唤醒：Watcher 是一次性的，它们已经在上一次变更时用掉了。所以在 ZooKeeper 上做发布/订阅是推拉结合：事件只告诉客户端“变了”，客户端再用一次新的 `get -w` 拉取数据，读取和重新注册 Watcher 一步完成。两个应用直接读到 timeout=90，从没见过 60：订阅者一定能拿到最新值，但不保证看到中间的每一个版本。`wchs` 又回到 2 个 watch，下一次变更会再次被推送。',
      },
      actions: [
        'set /config/app timeout=90',
        'lab run 100ms',
        '@2 get -w /config/app',
        '@3 get -w /config/app',
        'lab 4lw 1 wchs',
      ],
      checks: [
        { kind: 'output', contains: 'type:NodeDataChanged', absent: true },
        { kind: 'output', contains: 'timeout=90' },
        { kind: 'output', contains: 'timeout=60', absent: true },
        { kind: 'output', contains: 'Total watches:2' },
      ],
    },
    {
      narration: {
        en: 'Cluster management (集群管理): which machines are alive? At startup each worker registers itself as an ephemeral node (临时节点) under /servers, named after its host and holding its address. The monitor (console 1) lists /servers with a child watch (`ls -w`) and re-arms it each time it lists again: a machine joining (console 4, host3) and a machine leaving both fire NodeChildrenChanged. When worker host2 (console 3) closes its session (its own console prints state:Closed), the server deletes host2 by itself. So /servers always lists exactly the live sessions: a worker never has to deregister, and one that crashes disappears once its session expires.',
        'zh-CN': '集群管理：哪些机器还活着？每个工作节点启动时在 /servers 下创建一个临时节点来注册自己，节点名是主机名，数据是它的地址。监控者（控制台 1）用子节点监听（`ls -w`）列出 /servers，每次重新列出时顺便重新注册：有机器加入（控制台 4，host3）和有机器退出，都会触发 NodeChildrenChanged。工作节点 host2（控制台 3）关闭会话时（它自己的控制台打印 state:Closed），服务器自动删除 host2。因此 /servers 列出的始终正好是存活的会话：工作节点不需要主动注销，崩溃的机器在会话超时后也会自动消失。',
      },
      actions: [
        'create /servers',
        '@2 create -e /servers/host1 10.0.0.1:8080',
        '@3 create -e /servers/host2 10.0.0.2:8080',
        'ls -w /servers',
        '@4 create -e /servers/host3 10.0.0.3:8080',
        'lab run 100ms',
        'ls -w /servers',
        '@3 close',
        'lab run 100ms',
        'ls -w /servers',
      ],
      checks: [
        { kind: 'output', contains: '[host1, host2]' },
        { kind: 'output', contains: 'WatchedEvent state:SyncConnected type:NodeChildrenChanged path:/servers' },
        { kind: 'output', contains: '[host1, host2, host3]' },
        { kind: 'output', contains: 'WatchedEvent state:Closed type:None path:null' },
        { kind: 'output', contains: '[host1, host3]' },
      ],
    },
    {
      narration: {
        en: 'Naming service (命名服务): a sequential node (顺序节点) yields a name that is unique across the whole cluster. Three clients create /names/job- with `-s`, and the leader appends a 10-digit counter in the order the requests reach it: job-0000000000, job-0000000001, job-0000000002. Each client takes the full name it gets back as a globally unique ID, without coordinating with the others. The counter is kept by the parent and counts every child ever created, not the children that exist now: after job-0000000002 is deleted the next name is job-0000000003, so no name is ever handed out twice.',
        'zh-CN': '命名服务：顺序节点能给出在整个集群内全局唯一的名字。三个客户端用 `-s` 创建 /names/job-，Leader 按请求到达的先后顺序在名字后面追加一个 10 位计数：job-0000000000、job-0000000001、job-0000000002。每个客户端把返回的完整节点名当作全局唯一 ID，无需与其他客户端协商。这个计数由父节点维护，记录的是曾经创建过的子节点个数，而不是当前存在的子节点数：删除 job-0000000002 之后，下一个名字是 job-0000000003，同一个名字永远不会被分配两次。',
      },
      actions: [
        'create /names',
        '@2 create -s /names/job- report',
        '@4 create -s /names/job- backup',
        'create -s /names/job- cleanup',
        'delete /names/job-0000000002',
        '@2 create -s /names/job- reindex',
        'ls /names',
      ],
      checks: [
        { kind: 'output', contains: 'Created /names/job-0000000000' },
        { kind: 'output', contains: 'Created /names/job-0000000001' },
        { kind: 'output', contains: 'Created /names/job-0000000002' },
        { kind: 'output', contains: 'Created /names/job-0000000003' },
        { kind: 'output', contains: '[job-0000000000, job-0000000001, job-0000000003]' },
      ],
    },
    {
      narration: {
        en: 'Soft load balancing (软负载均衡): the service list under /servers is also what consumers choose from. Each worker reports its load in its own node (`set`); a consumer (console 5) lists /servers, reads every entry, picks host3, the least loaded, and watches it with `get -w`. ZooKeeper only keeps the list current and sends notifications; the choice is the client\'s own policy (least load here; random or round-robin work as well). When host3\'s session ends, the consumer gets NodeDeleted, lists again and falls back to host1; the monitor\'s child watch fires too.',
        'zh-CN': '软负载均衡：/servers 下的服务列表也正是消费者挑选服务器的依据。每个工作节点用 `set` 把自己的负载写进自己的节点；消费者（控制台 5）列出 /servers，逐个读取，选中负载最低的 host3，并用 `get -w` 监听它。ZooKeeper 只负责让列表保持最新并发出通知；怎么选是客户端自己的策略（这里选负载最低的，随机或轮询也都可以）。host3 的会话结束时，消费者收到 NodeDeleted，重新列出后改用 host1；监控者的子节点监听也同时触发。',
      },
      actions: [
        '@2 set /servers/host1 10.0.0.1:8080,load=7',
        '@4 set /servers/host3 10.0.0.3:8080,load=2',
        '@5 ls /servers',
        '@5 get /servers/host1',
        '@5 get -w /servers/host3',
        '@4 close',
        'lab run 100ms',
        '@5 ls /servers',
      ],
      checks: [
        { kind: 'output', contains: 'WatchedEvent state:SyncConnected type:NodeDeleted path:/servers/host3' },
        { kind: 'output', contains: 'WatchedEvent state:SyncConnected type:NodeChildrenChanged path:/servers' },
        { kind: 'output', contains: '[host1]' },
      ],
    },
  ],
  challenge: {
    en: 'The workers now report their load every few seconds. Does a load report wake the monitor\'s `ls -w /servers`? Find out in the lab, then make console 5 hear about both kinds of change: a server joining or leaving, and a server\'s load changing. Which watches does it need, and how many for 100 servers? (Compare with `addWatch -m PERSISTENT_RECURSIVE /servers`.)',
    'zh-CN': '现在工作节点每隔几秒上报一次负载。一次负载上报会唤醒监控者的 `ls -w /servers` 吗？先在实验环境中验证，再让控制台 5 同时得知两类变化：服务器加入或退出，以及某台服务器的负载变化。它需要哪些 Watcher？如果有 100 台服务器，需要多少个？（可以和 `addWatch -m PERSISTENT_RECURSIVE /servers` 比较一下。）',
  },
};
