import type { Lesson } from './types.ts';

/** Access control (notes 000 权限控制机制, 003 §5 ACL, 004 §8.8): schemes, ids, cdrwa, per-node ACLs. */
export const acl: Lesson = {
  id: 'acl',
  title: { en: 'Access control: ACLs', 'zh-CN': '权限控制：ACL' },
  ensemble: 'voters=3&seed=17&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=',
  steps: [
    {
      narration: {
        en: 'Every znode carries an ACL (access control list): entries of the form scheme:id:permissions, that is a scheme, the id it is granted to, and the permissions. `create /open x` gives no ACL, so the node gets the default, and `getAcl /open` prints it as `\'world,\'anyone` then `: cdrwa`. The world scheme has one id, anyone, which matches every client; cdrwa are all five permissions: c CREATE (children), d DELETE (children), r READ, w WRITE, a ADMIN (change the ACL). `whoami` lists the ids this session holds: every connection gets `ip: 127.0.0.1` automatically, its own address under the ip scheme.',
        'zh-CN': '每个 znode 都带有一个 ACL（访问控制列表），每一条都是 scheme:id:permission 的形式：权限模式（scheme）、授权对象（id）和权限（permission）。`create /open x` 没有指定 ACL，于是节点得到默认值；`getAcl /open` 把它打印成 `\'world,\'anyone` 和 `: cdrwa` 两行。world 模式只有一个授权对象 anyone，代表所有客户端；cdrwa 是全部五种权限：c 即 CREATE（创建子节点）、d 即 DELETE（删除子节点）、r 即 READ、w 即 WRITE、a 即 ADMIN（修改 ACL）。`whoami` 列出当前会话拥有的身份：每个连接都会自动获得 ip 模式下的身份 `ip: 127.0.0.1`，也就是它自己的地址。',
      },
      actions: ['lab run 3s', 'create /open x', 'getAcl /open', 'whoami'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'output', contains: 'Created /open' },
        { kind: 'output', contains: '\'world,\'anyone' },
        { kind: 'output', contains: ': cdrwa' },
        { kind: 'output', contains: 'ip: 127.0.0.1' },
      ],
    },
    {
      narration: {
        en: 'The digest scheme is the one used most: identities of the form username:password. `addauth digest alice:secret` adds the identity alice to this session (see `whoami`), and the ACL `auth::cdrwa` given to `create` means "every identity I have authenticated as". `getAcl` shows what the server stored: not the password but `alice:` followed by BASE64(SHA1("alice:secret")), so `digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=:cdrwa` would have given the same ACL. Alice can read /private; console 2 is another session without that identity, and both its `get` and its `getAcl` get `Insufficient permission : /private` (getAcl needs READ or ADMIN).',
        'zh-CN': '最常用的是 digest 模式：用类似 username:password 的身份进行权限控制。`addauth digest alice:secret` 给当前会话加上 alice 这个身份（用 `whoami` 可以看到），`create` 时给出的 ACL `auth::cdrwa` 的意思是“我已认证的所有身份”。`getAcl` 显示服务器实际保存的内容：不是密码，而是 `alice:` 加上 BASE64(SHA1("alice:secret"))，所以写成 `digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=:cdrwa` 效果完全一样。alice 能读取 /private；控制台 2 是另一个没有这个身份的会话，它的 `get` 和 `getAcl` 都得到 `Insufficient permission : /private`（getAcl 需要 READ 或 ADMIN 权限）。',
      },
      actions: [
        'addauth digest alice:secret',
        'whoami',
        'create /private top-secret auth::cdrwa',
        'getAcl /private',
        'get /private',
        '@2 get /private',
        '@2 getAcl /private',
      ],
      checks: [
        { kind: 'output', contains: 'digest: alice' },
        { kind: 'output', contains: '\'digest,\'alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=' },
        { kind: 'output', contains: 'top-secret' },
        { kind: 'output', contains: 'Insufficient permission : /private' },
      ],
    },
    {
      narration: {
        en: '`addauth` never checks a password: the server has no user list. Console 2\'s `addauth digest alice:guess` succeeds silently and `whoami` even shows `digest: alice`, but that id is alice plus the hash of "alice:guess", which matches no ACL entry, so `get` is still refused; only `addauth digest alice:secret` produces the matching id. The refused `set` shows where writes are checked: zk1 forwards it to the leader zk3 as a REQUEST, the leader\'s PrepRequestProcessor fails the ACL check and proposes an error transaction in its place — a refused write still goes through a PROPOSAL and uses up a zxid.',
        'zh-CN': '`addauth` 从不校验密码：服务器上根本没有用户列表。控制台 2 执行 `addauth digest alice:guess` 悄无声息地成功了，`whoami` 甚至显示 `digest: alice`；但这个身份是 alice 加上 "alice:guess" 的摘要，与 ACL 中的任何一条都不匹配，所以 `get` 仍然被拒绝；只有 `addauth digest alice:secret` 才能得到匹配的身份。被拒绝的 `set` 说明了写请求在哪里做权限检查：zk1 把它作为 REQUEST 转发给 Leader zk3，Leader 的 PrepRequestProcessor 在 ACL 检查失败后，改为提议一个错误事务——被拒绝的写请求同样要经过 PROPOSAL，并且消耗一个 zxid。',
      },
      actions: ['@2 addauth digest alice:guess', '@2 whoami', '@2 get /private', '@2 set /private hacked'],
      checks: [
        { kind: 'output', contains: 'digest: alice' },
        { kind: 'output', contains: 'Insufficient permission : /private' },
        { kind: 'output', contains: 'top-secret', absent: true },
        { kind: 'packet', type: 'REQUEST', from: 1, to: 3 },
        { kind: 'packet', type: 'PROPOSAL', from: 3 },
      ],
    },
    {
      narration: {
        en: 'ACLs belong to one node and are not inherited. Alice (console 1, who has CREATE on /private) creates /private/kid without an ACL argument, and it gets the default world:anyone:cdrwa, not its parent\'s ACL. So console 3, a fresh session with no identity, reads /private/kid by its full path even though `ls /private` is refused. Creating and deleting are judged by the parent: `create` needs CREATE and `delete` needs DELETE on /private, so console 3 can neither add a sibling nor remove the wide-open kid.',
        'zh-CN': 'ACL 只属于单个节点，不会被继承。alice（控制台 1，在 /private 上有 CREATE 权限）创建 /private/kid 时没有指定 ACL，它得到的是默认的 world:anyone:cdrwa，而不是父节点的 ACL。因此控制台 3——一个没有任何身份的新会话——虽然 `ls /private` 被拒绝，却能按完整路径读取 /private/kid。创建和删除看的是父节点的权限：`create` 需要 /private 的 CREATE，`delete` 需要 /private 的 DELETE，所以控制台 3 既不能新建兄弟节点，也删不掉这个完全开放的 kid。',
      },
      actions: [
        'create /private/kid kid-data',
        'getAcl /private/kid',
        '@3 get /private/kid',
        '@3 ls /private',
        '@3 create /private/other o',
        '@3 delete /private/kid',
      ],
      checks: [
        { kind: 'output', contains: 'Created /private/kid' },
        { kind: 'output', contains: '\'world,\'anyone' },
        { kind: 'output', contains: 'kid-data' },
        { kind: 'output', contains: '[kid]', absent: true },
        { kind: 'output', contains: 'Insufficient permission : /private/other' },
        { kind: 'output', contains: 'Insufficient permission : /private/kid' },
      ],
    },
    {
      narration: {
        en: 'Each permission is a separate bit. `setAcl /cfg world:anyone:r,auth::a` gives everyone READ and alice alone ADMIN: console 3 can `get` but neither `set` nor `setAcl`, and its `getAcl` works (READ is enough) but masks the digest as `alice:x`, because only ADMIN may see the hash. Even alice\'s `set` is refused — ADMIN is not WRITE — yet ADMIN is the permission that grants all the others: after `setAcl /cfg world:anyone:r,auth::rwa` her `set` succeeds. `getAcl -s` shows dataVersion 1 (one write got through) and aclVersion 2 (two ACL changes).',
        'zh-CN': '每种权限都是独立的一位。`setAcl /cfg world:anyone:r,auth::a` 让所有人只有 READ，只有 alice 拥有 ADMIN：控制台 3 可以 `get`，但既不能 `set` 也不能 `setAcl`；它的 `getAcl` 能执行（有 READ 就够），但摘要被遮盖成 `alice:x`，因为只有拥有 ADMIN 的人才能看到摘要。连 alice 的 `set` 也被拒绝——ADMIN 不等于 WRITE；但 ADMIN 正是可以授予其他一切权限的那一项：执行 `setAcl /cfg world:anyone:r,auth::rwa` 之后，她的 `set` 就成功了。`getAcl -s` 显示 dataVersion 为 1（只有一次写入成功），aclVersion 为 2（ACL 改过两次）。',
      },
      actions: [
        'create /cfg cfg-v1',
        'setAcl /cfg world:anyone:r,auth::a',
        '@3 get /cfg',
        '@3 set /cfg cfg-hacked',
        '@3 setAcl /cfg world:anyone:cdrwa',
        '@3 getAcl /cfg',
        'set /cfg cfg-v2',
        'setAcl /cfg world:anyone:r,auth::rwa',
        'set /cfg cfg-v2',
        'get /cfg',
        'getAcl -s /cfg',
      ],
      checks: [
        { kind: 'output', contains: 'cfg-v1' },
        { kind: 'output', contains: 'Insufficient permission : /cfg' },
        { kind: 'output', contains: '\'digest,\'alice:x' },
        { kind: 'output', contains: 'cfg-v2' },
        { kind: 'output', contains: ': rwa' },
        { kind: 'output', contains: 'dataVersion = 1' },
        { kind: 'output', contains: 'aclVersion = 2' },
      ],
    },
    {
      narration: {
        en: 'The ip scheme matches the client\'s address, exactly or by prefix (`ip:10.0.0.0/8`). Every console in this lab connects from 127.0.0.1, so `ip:127.0.0.1:cdrwa` lets them all in (here ip cannot tell two consoles apart), while `ip:10.0.0.0/8:cdrwa` shuts out everyone, even the node\'s creator: `get` and `getAcl` are refused. The way out is the parent: / grants DELETE to anyone, so `delete /lan` works. Is such a node lost for good? Not to the super user — the next step.',
        'zh-CN': 'ip 模式按客户端地址匹配，可以是精确地址，也可以是网段前缀（`ip:10.0.0.0/8`）。本实验中所有控制台都从 127.0.0.1 连接，所以 `ip:127.0.0.1:cdrwa` 对它们全部放行（在这里 ip 模式分不出两个控制台）；而 `ip:10.0.0.0/8:cdrwa` 把所有人都挡在门外，连节点的创建者也不例外：`get` 和 `getAcl` 都被拒绝。出路在父节点：/ 给所有人 DELETE 权限，所以 `delete /lan` 可以执行。这样的节点就永远丢失了吗？对超级管理员来说并不是——见下一步。',
      },
      actions: [
        'create /local local-data ip:127.0.0.1:cdrwa',
        '@3 get /local',
        'create /lan lan-data ip:10.0.0.0/8:cdrwa',
        'get /lan',
        'getAcl /lan',
        'delete /lan',
        'ls /',
      ],
      checks: [
        { kind: 'output', contains: 'local-data' },
        { kind: 'output', contains: 'Created /lan' },
        { kind: 'output', contains: 'Insufficient permission : /lan' },
        { kind: 'output', contains: 'lan-data', absent: true },
        { kind: 'output', contains: '[cfg, local, open, private, zookeeper]' },
      ],
    },
    {
      narration: {
        en: 'The last scheme, super, is a super user who passes every check. It exists only if the servers were started with `-Dzookeeper.DigestAuthenticationProvider.superDigest=…`, and this lesson\'s servers were — look for `superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=` in the lesson\'s link, the lab\'s way of passing that property. That value is `super:` plus BASE64(SHA1("super:admin")), so whoever knows the password `admin` can become the super user. /vault is locked the way /lan was, with `ip:10.0.0.0/8:cdrwa`: its creator, console 1, cannot read it, and neither can a fresh console 4. Then console 4 runs `addauth digest super:admin`. Like any digest, it adds `digest: super`, but because that digest equals the configured one the server also adds the id `super:` with an empty user (`whoami` lists the ids in the server\'s hash-set order, not in the order they were added), and an id of the super scheme passes every ACL check. Console 4 reads /vault, sees its ACL in full, and does what an operator does in a recovery: `setAcl /vault world:anyone:r` reopens the node for reading, and console 1\'s `get` works again. The super user is the key to every lock, so keep its password secret, long and hard to guess: anyone who knows it owns every znode.',
        'zh-CN': '最后一种权限模式 super 是超级管理员，可以通过一切权限检查。只有服务器启动时设置了 `-Dzookeeper.DigestAuthenticationProvider.superDigest=…` 才会有它，而本课的服务器设置了——看看本课链接里的 `superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=`，这就是本实验传入这个属性的方式。这个值是 `super:` 加上 BASE64(SHA1("super:admin"))，所以只要知道密码 `admin`，就能成为超级管理员。/vault 和当初的 /lan 一样被 `ip:10.0.0.0/8:cdrwa` 锁住：它的创建者控制台 1 读不了，新开的控制台 4 也读不了。接着控制台 4 执行 `addauth digest super:admin`。和任何 digest 一样，它先加上身份 `digest: super`；但由于这个摘要与服务器配置的相同，服务器还会再加上一个用户名为空的身份 `super:`（`whoami` 按服务器内部哈希集合的顺序列出身份，而不是按添加的先后），而 super 模式的身份可以通过一切 ACL 检查。于是控制台 4 读到了 /vault，看到了完整的 ACL，并做了运维人员在故障恢复（recovery）时会做的事：执行 `setAcl /vault world:anyone:r` 重新开放读权限，控制台 1 的 `get` 又能成功了。超级管理员是打开所有锁的钥匙，所以它的密码必须保密、足够长、难以猜中：谁知道这个密码，谁就拥有所有 znode。',
      },
      actions: [
        'create /vault vault-data ip:10.0.0.0/8:cdrwa',
        'get /vault',
        '@4 get /vault',
        '@4 addauth digest super:admin',
        '@4 whoami',
        '@4 get /vault',
        '@4 getAcl /vault',
        '@4 setAcl /vault world:anyone:r',
        'get /vault',
      ],
      checks: [
        { kind: 'output', contains: 'Created /vault' },
        { kind: 'output', contains: 'Insufficient permission : /vault' },
        { kind: 'output', contains: 'digest: super' },
        { kind: 'output', contains: 'super: ' },
        { kind: 'output', contains: '\'ip,\'10.0.0.0/8' },
        { kind: 'output', contains: 'vault-data' },
      ],
    },
  ],
  challenge: {
    en: 'Lock yourself out: create a node and give it an ACL under which none of your consoles has any permission (a digest nobody has added, or an ip no console has). Then try get, ls, stat, set, getAcl, setAcl, create under it and delete: which still work, and whose ACL decides each answer? Finally, how could you get back in if the lock were a digest? Against an ip lock no addauth of yours helps; which one identity still gets in, and what does that say about how its password must be kept?',
    'zh-CN': '把自己锁在门外：创建一个节点，给它设置一个 ACL，让你的任何控制台都没有任何权限（比如一个谁都没有 addauth 过的 digest，或者一个没有控制台使用的 ip）。然后依次尝试 get、ls、stat、set、getAcl、setAcl、在它下面 create，以及 delete：哪些还能执行？每个结果由哪个节点的 ACL 决定？最后想一想：如果锁是 digest，你怎样重新进去？被 ip 锁住时，你再怎么 addauth 都没用；这时还有哪一个身份能进去？这对它的密码该如何保管意味着什么？',
  },
};
