/**
 * Packet families and their colours: one colour per phase of the protocol, so a glance at the
 * ring tells election (NOTIFICATION) from ZAB's discovery, sync and broadcast.
 * Names are ZooKeeper's (Leader.java packet types; FIN is the lab's word for a closed connection).
 */
export type PacketFamily = 'election' | 'discovery' | 'sync' | 'broadcast' | 'liveness' | 'client' | 'connection';

const FAMILY_OF: Record<string, PacketFamily> = {
  NOTIFICATION: 'election',
  FOLLOWERINFO: 'discovery',
  OBSERVERINFO: 'discovery',
  LEADERINFO: 'discovery',
  ACKEPOCH: 'discovery',
  DIFF: 'sync',
  TRUNC: 'sync',
  SNAP: 'sync',
  NEWLEADER: 'sync',
  UPTODATE: 'sync',
  PROPOSAL: 'broadcast',
  ACK: 'broadcast',
  COMMIT: 'broadcast',
  INFORM: 'broadcast',
  REQUEST: 'broadcast',
  SYNC: 'broadcast',
  PING: 'liveness',
  REVALIDATE: 'liveness',
  FIN: 'connection',
  // client ↔ server (zkCli's session)
  ConnectRequest: 'client',
  ConnectResponse: 'client',
  Request: 'client',
  Reply: 'client',
  WatcherEvent: 'client',
};

export function packetFamily(type: string): PacketFamily {
  return FAMILY_OF[type] ?? 'liveness';
}

export const FAMILY_COLORS: Record<PacketFamily, string> = {
  election: '#db2777',
  discovery: '#ea580c',
  sync: '#0891b2',
  broadcast: '#4f46e5',
  liveness: '#64748b',
  client: '#0d9488',
  connection: '#dc2626',
};

/** Legend order, with an example type per family. */
export const FAMILY_EXAMPLES: Array<[PacketFamily, string]> = [
  ['election', 'NOTIFICATION'],
  ['discovery', 'FOLLOWERINFO · LEADERINFO · ACKEPOCH'],
  ['sync', 'DIFF · TRUNC · SNAP · NEWLEADER · UPTODATE'],
  ['broadcast', 'PROPOSAL · ACK · COMMIT · INFORM'],
  ['liveness', 'PING'],
  ['client', 'ConnectRequest · Request · Reply · WatcherEvent'],
  ['connection', 'FIN'],
];
