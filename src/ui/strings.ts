/**
 * Every string the UI shows, in one place, so a translation (zh-CN first) can replace this module.
 * ZooKeeper's own words — LEADING, FOLLOWING, zxid, epoch, packet types — are not translated:
 * learners meet them in the real logs and source.
 * Console text is not here: it is what zkCli and the `lab` commands print.
 */
export const en = {
  appTitle: 'ZooKeeper Lab',
  appTagline: 'a whole ZooKeeper 3.8 ensemble in your browser',
  ensembleSummary: (voters: number, observers: number, seed: string) =>
    `${voters} voter${voters === 1 ? '' : 's'}${observers > 0 ? ` + ${observers} observer${observers === 1 ? '' : 's'}` : ''} · seed ${seed}`,
  ensembleSettings: (tickTime: number, initLimit: number, syncLimit: number, latencyMs: number, spreadMs: number) =>
    `tickTime=${tickTime} initLimit=${initLimit} syncLimit=${syncLimit} · link latency ${latencyMs}–${latencyMs + spreadMs} ms`,

  // playback
  playbackGroup: 'Playback',
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  stepLabel: 'Step one event',
  stepTitle: 'Pause and run the next event (one server input)',
  speed: 'Speed',
  slower: 'Slower',
  faster: 'Faster',
  speedValue: (speed: number) => `${speed}×`,
  simulatedTime: 'Simulated time',
  eventCount: (n: number) => `event ${n}`,
  pausedBadge: 'paused',
  healAll: 'Heal all links',

  // cluster
  clusterLabel: 'Ensemble',
  serverLabel: (name: string, state: string) => `${name}, ${state}`,
  inspect: (name: string) => `Inspect ${name}`,
  kill: 'Kill',
  start: 'Start',
  wipe: 'Wipe',
  killServer: (name: string) => `Kill ${name}`,
  startServer: (name: string) => `Start ${name}`,
  wipeServer: (name: string) => `Wipe ${name}`,
  wipeTitle: 'Erase its disk (epochs, transaction log, snapshot); it stays down',
  observerTag: 'observer',
  observerTagShort: 'obs',
  crashedTag: 'crashed',
  vote: 'vote',
  noVote: '—',
  voteText: (leader: string, zxid: string, peerEpoch: string) => `${leader} · ${zxid} · e${peerEpoch}`,
  voteTitle: 'current vote: leader · zxid · peerEpoch',
  proposalTitle: 'proposed in its notifications while LOOKING: leader · zxid · peerEpoch',
  logicalclock: 'clock',
  logicalclockTitle: 'logicalclock (election round)',
  epochs: 'epochs',
  epochsTitle: 'acceptedEpoch / currentEpoch',
  lastZxid: 'zxid',
  lastZxidTitle: 'last logged zxid',
  phase: 'ZAB',
  phaseNone: '—',
  onDisk: 'on disk',
  packetTitle: (from: string, to: string, type: string) => `${from} → ${to} ${type}`,
  heldTitle: 'held at the cut until the link heals',

  // legend
  legendRoles: 'Roles',
  legendPackets: 'Packets',
  legendCut: 'cut link',
  roleNames: {
    LOOKING: 'LOOKING',
    FOLLOWING: 'FOLLOWING',
    LEADING: 'LEADING',
    OBSERVING: 'OBSERVING',
    DOWN: 'DOWN',
  },
  packetFamilies: {
    election: 'election',
    discovery: 'discovery',
    sync: 'sync',
    broadcast: 'broadcast',
    liveness: 'ping',
    client: 'client',
    connection: 'connection closed',
  },

  // inspector
  detailsTitle: 'Server',
  detailsEmpty: 'Select a server (click its name) to see its details.',
  detailsClose: 'Close details',
  detailsLeader: 'leader',
  detailsServing: 'serving',
  detailsServingYes: 'yes',
  detailsServingNo: 'no',
  detailsLastProcessed: 'last processed zxid',
  detailsNodes: 'znodes',
  detailsSyncMode: 'last sync',
  detailsLearners: 'learners',
  detailsOutstanding: 'outstanding proposals',
  detailsNone: 'none',
  detailsLastLogged: 'last logged zxid',
  detailsLastCommitted: 'last committed zxid',
  logTitle: 'Transaction log',
  logSummary: (n: number, lastCommitted: string | null, uncommitted: number, snapshotZxid: string) =>
    `${n} txn${n === 1 ? '' : 's'} · ${lastCommitted === null ? 'down: commit point unknown' : `committed ≤ ${lastCommitted}`}${uncommitted > 0 ? ` · ${uncommitted} uncommitted` : ''} · snapshot ${snapshotZxid}`,
  logEmpty: 'empty',
  logEarlier: (n: number) => `… ${n} earlier`,
  logCommittedTitle: 'committed: at or below the last committed zxid',
  logUncommittedTitle: 'logged but not committed (yet): a new leader may truncate it',
  logUnknownTitle: 'on disk; the server is down, so whether it is committed is not known here',
  syncFlashTitle: (leader: string, mode: string, learner: string) => `${leader} synchronized ${learner} with ${mode}`,
  learnerText: (name: string, stage: string, syncMode: string | null, synced: boolean) =>
    `${name} ${stage}${syncMode ? ` (${syncMode})` : ''}${synced ? '' : ' · not synced'}`,
  outstandingText: (zxid: string, acks: string[]) => `${zxid} acked by ${acks.length > 0 ? acks.join(', ') : 'none'}`,

  // console
  consoleTitle: 'Console',
  consoleHint: 'zkCli and lab commands · Tab completes · lab help',
  consoleInput: 'zkCli command',
  consoleOutput: 'zkCli output',
  consoleClear: 'Clear',
  consoleClearLabel: 'Clear the console output',
  consoleRunning: (n: number) => `running… (${n} queued)`,
  consoleTabsLabel: 'zkCli sessions',
  consoleTabName: (id: number, host: string) => `${id} · ${host}`,
  consoleTabTitle: (host: string, state: string, sessionId: string | null) =>
    `zkCli on ${host} · ${state}${sessionId ? ` · session ${sessionId}` : ''}`,
  consoleTabClose: (id: number, host: string) => `Close session ${id} (${host})`,
  consoleTabCloseTitle: 'Close this session (zkCli close) and the tab',
  consoleNewTabServer: 'Server for a new session',
  consoleNewTab: (server: string) => `New zkCli session on ${server}`,

  // znode tree
  znodeTitle: 'Znodes',
  znodeTreeLabel: 'znode tree',
  znodeServer: 'tree of',
  znodeServerLabel: 'Server whose znode tree is shown',
  znodeFollowConsole: (server: string) => `console's server (${server})`,
  znodeSummary: (server: string, size: number, zxid: string, leader: string | null, diffs: number) =>
    `${server} · ${size} znodes · zxid ${zxid} · ${leader === null ? 'this is the leader’s tree (or no leader)' : diffs === 0 ? `same as leader ${leader}` : `${diffs} differ from leader ${leader}`}`,
  znodeStatus: {
    loading: (server: string) => `Reading ${server}’s tree…`,
    down: (server: string) => `${server} is down: its DataTree is gone until it starts again and reloads it from disk.`,
    'no-database': (server: string) => `${server} has not loaded its database yet.`,
    ready: (server: string) => server,
  },
  znodeMore: (n: number) => `+${n} more…`,
  znodeHidden: (n: number) => `(${n} hidden)`,
  znodeExpand: (path: string) => `Expand ${path}`,
  znodeCollapse: (path: string) => `Collapse ${path}`,
  znodeSelect: (path: string) => `Show ${path}`,
  znodeBadgeEphemeral: 'E',
  znodeBadgeSequential: 'S',
  znodeBadgeContainer: 'C',
  znodeBadgeTtl: 'T',
  znodeBadgeWatched: 'W',
  znodeEphemeralTitle: (owner: string) => `ephemeral, owned by session ${owner}`,
  znodeContainerTitle: 'container: removed by the leader once it has had children and is empty',
  znodeTtlTitle: (ttlMs: number | null) => `TTL node${ttlMs === null ? '' : ` (ttl ${ttlMs} ms)`}: removed once empty and unchanged that long`,
  znodeSequentialTitle: 'sequential: 10-digit suffix from the parent’s cversion',
  znodeWatchedTitle: (data: string[], child: string[], modes: string[]) =>
    `watched on this server — data/exist: ${data.length > 0 ? data.join(', ') : 'none'} · child: ${child.length > 0 ? child.join(', ') : 'none'}${modes.length > 0 ? ` · ${modes.join(', ')}` : ''}`,
  znodeDiffTitle: {
    missing: 'missing here: the leader has it',
    extra: 'extra here: the leader does not have it',
    changed: 'different mZxid from the leader’s',
  },
  znodeLegendLabel: 'znode tree legend',
  znodeLegendEphemeral: 'ephemeral',
  znodeLegendSequential: 'sequential',
  znodeLegendContainer: 'container',
  znodeLegendTtl: 'TTL',
  znodeLegendWatched: 'watched',
  znodeLegendMissing: 'missing (leader has it)',
  znodeLegendExtra: 'extra (not on leader)',
  znodeLegendChanged: 'other mZxid than leader',
  znodeDetailsClose: 'Close znode details',
  znodeGone: (path: string) => `${path} is not in this tree (any more).`,
  znodeOnServer: (server: string) => `as ${server} has it`,
  znodeOnlyOnLeader: (server: string) => `${server} does not have it; shown as the leader has it`,
  znodeData: 'data (get)',
  znodeStat: 'Stat (stat)',
  znodeAcl: 'ACL (getAcl)',

  // notices
  noticeConfig: 'Some URL settings were ignored; their defaults are used:',
  noticeError: 'Something went wrong:',
  noticeInfo: 'Note:',
  dismiss: 'Dismiss',
  dismissNotice: 'Dismiss notice',
};

export type Strings = typeof en;

/** The strings in use (one language for now). */
export const t: Strings = en;
