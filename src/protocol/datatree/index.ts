export * from './types.ts';
export * from './KeeperException.ts';
export * from './PathUtils.ts';
export * from './EphemeralType.ts';
export * from './StatsTrack.ts';
export * from './JavaHashSet.ts';
export {
  createDataTree, initConfigNode, getNode, isSpecialPath, parentOf, copyStat, createStat, processTxn, getEphemerals,
  getAllChildrenNumber, getChildrenList, getContainerCandidates, getMaxPrefixWithQuota, clientEphemeralOwner,
  type DataTreeOptions,
} from './DataTree.ts';
export * from './PrepRequestProcessor.ts';
export * from './FinalRequestProcessor.ts';
