/** The store layer's public face for src/ui and src/app. */
export * from './labStore.ts';
export * from './actions.ts';
export { initLab, disposeLab, syncLab, currentSession, type LabSession, type InitLabOptions } from './session.ts';
export { startFrameLoop, subscribeFrame, subscribeFrameEvery, currentFrame, SYNC_EVERY_MS, type FrameInfo } from './frameLoop.ts';
export { useFastForwardStore, trackFastForward, holdDrawing, frameStats, SHOW_PROGRESS_AFTER_MS } from './fastForward.ts';
export type { ServerCard, ServerDisplayState, VoteCard } from './serverCards.ts';
export { resizeRefusal, resizeSteps, type ResizeInput, type ResizeKey, type ResizeRefusal } from './ensembleResize.ts';
export { decodeRunParam, encodeRunParam } from './runParam.ts';
export { parseUrlScript, urlWithScript, MAX_LINES as MAX_URL_SCRIPT_LINES, type UrlScript } from './urlScript.ts';
export {
  isLabLine, applyPaste, browseHistory, consoleTranscript, selectedConsoleText, type HistoryCursor, type Completion, type LinePoint,
} from './consoleText.ts';
export { zkCliPrompt, DEFAULT_TAB } from './zkcliBridge.ts';
export { shownZnodeSid, setZnodeViewShown } from './znodes.ts';
export { SYNC_FLASH_MS } from './inspector.ts';
export type { ZnodeDetails, ZnodeInfo, ZnodeKind, ZnodeDiff, ZnodeTreeModel, ZnodeWatchInfo } from './znodeModel.ts';
export { SPEED_MIN, SPEED_MAX, SPEED_PRESETS } from '../machines/playbackMachine.ts';
export { packetTypeOf, describePacket, type InFlight } from './packets.ts';
export { fetchPeerDetails, buildPeerDetails, type PeerDetails, type FleDetails, type SessionRow, type LeaderDiff, type VoteRow } from './peerDetails.ts';
export * from './timeTravel.ts';
export { useInvariantsStore, refreshInvariants, SAMPLE_INTERVAL_MS, type InvariantRow, type InvariantsState } from './invariants.ts';
export { INVARIANTS, type InvariantName, type Violation } from '../protocol/checkers/invariants.ts';
export {
  selectConsoleCommands, selectHasZkCli, selectPanelData, selectProcessCard, selectProcessNames, selectProtocol, selectProtocolId, selectRoleColours,
  type NamedColour, type ProcessCard, type ProtocolInfo, type ProtocolSettingInfo,
} from './protocolSlice.ts';
export { processName } from './actions.ts';
export { eventSource, type EventSource } from './eventSource.ts';
export { protocolChoices, protocolLink, type ProtocolChoice } from './protocolLinks.ts';
export { laneRoleSource, packetLogLine, type LaneRoles } from './laneRoles.ts';
export { fetchProcessState, stateEntries, type ProcessState, type StateRow } from './processState.ts';
