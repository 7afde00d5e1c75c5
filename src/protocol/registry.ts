/**
 * The protocols of the lab, by the `?protocol=` value: how a lab configuration becomes a world
 * (src/sim/simulation.ts LabSetup) — its processes, their names, the module that runs them.
 */
import type { LabSetup } from '../sim/simulation.ts';
import type { LabConfig } from './config.ts';
import { zookeeperSetup } from './zookeeper.ts';

export function setupOf(config: LabConfig): LabSetup {
  return zookeeperSetup(config);
}
