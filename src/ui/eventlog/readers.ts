/**
 * How each protocol's run is told (a table, never a test of which protocol runs): ZooKeeper's own
 * sentences (votes, roles, ZAB, zxids), or the protocol's events as structured text rendered in the
 * current language. Read by the event log and by the embed's events out.
 */
import type { ProtocolId } from '../../protocol/config.ts';
import { eventSource } from '../../store/index.ts';
import { EventLogReader } from './sentences.ts';
import { protocolSentence } from './protocolSentences.ts';

export const READERS: Record<ProtocolId, () => EventLogReader> = {
  zookeeper: () => new EventLogReader(),
  paxos: protocolReader,
  multipaxos: protocolReader,
  '2pc': protocolReader,
  '3pc': protocolReader,
};

function protocolReader(): EventLogReader {
  const src = eventSource();
  return src ? new EventLogReader(5000, protocolSentence(src)) : new EventLogReader();
}
