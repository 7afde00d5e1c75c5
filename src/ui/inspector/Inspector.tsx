/**
 * The inspector of the selected process, by protocol (a table, as a module registers its inspector
 * panels): ZooKeeper's server details (its statechart, FastLeaderElection's variables, transaction
 * log, sessions and how it differs from the leader), or a process's fields, state and disk.
 */
import type { ComponentType } from 'react';
import type { ProtocolId } from '../../protocol/config.ts';
import { selectProtocolId, useLabStore } from '../../store/index.ts';
import { ProcessDetails } from './ProcessDetails.tsx';
import { ServerDetails } from './ServerDetails.tsx';

const INSPECTORS: Record<ProtocolId, ComponentType> = { zookeeper: ServerDetails, paxos: ProcessDetails, multipaxos: ProcessDetails, '2pc': ProcessDetails, '3pc': ProcessDetails };

export function Inspector() {
  const Details = INSPECTORS[useLabStore(selectProtocolId)];
  return <Details />;
}
