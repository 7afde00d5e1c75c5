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
  learnerText: (name: string, stage: string, syncMode: string | null, synced: boolean) =>
    `${name} ${stage}${syncMode ? ` (${syncMode})` : ''}${synced ? '' : ' · not synced'}`,
  outstandingText: (zxid: string, acks: string[]) => `${zxid} acked by ${acks.length > 0 ? acks.join(', ') : 'none'}`,

  // console
  consoleTitle: 'Console',
  consoleHint: 'zkCli and lab commands · try lab help',
  consoleInput: 'zkCli command',
  consoleOutput: 'zkCli output',
  consoleClear: 'Clear',
  consoleClearLabel: 'Clear the console output',
  consoleRunning: (n: number) => `running… (${n} queued)`,

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
