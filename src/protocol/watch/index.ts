export * from './WatchManager.ts';
export * from './ClientWatchManager.ts';
