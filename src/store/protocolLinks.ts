/**
 * The protocol picker's links: the same lab settings (seed, link latency and the sizes of each
 * protocol as the link gave them) opened for another protocol. Bug switches, `boot` and the run
 * belong to one protocol's lab and are left behind; the page's language is kept.
 */
import { configToParams, PROTOCOLS, type ProtocolId } from '../protocol/config.ts';
import { protocolById } from '../protocol/registry.ts';
import { currentSession } from './session.ts';

export interface ProtocolChoice {
  id: ProtocolId;
  title: string;
}

/** Every protocol the lab runs, in the lab's order. */
export function protocolChoices(): ProtocolChoice[] {
  return PROTOCOLS.map((id) => ({ id, title: protocolById(id).title }));
}

/** The address of this lab's settings for protocol `id` (`?protocol=paxos&acceptors=3&…&seed=1`). */
export function protocolLink(id: ProtocolId, pageSearch: string): string {
  const config = currentSession()?.runtime.config;
  if (!config) return `?protocol=${id}`;
  const params = configToParams({ ...config, protocol: id, bugs: undefined, boot: null });
  const lang = new URLSearchParams(pageSearch).get('lang');
  if (lang !== null) params.set('lang', lang);
  return `?${params.toString()}`;
}
