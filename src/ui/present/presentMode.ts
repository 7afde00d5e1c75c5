/**
 * Presenter mode (issue 14): `?present` in the address, or the header's Present button. The ring,
 * its packets and the lesson's narration fill the screen in a high-contrast theme with large
 * text; clicker keys step the lesson (useLabKeys.ts); B blanks the screen. The mode is recorded
 * in the address (so a reload or a shared link opens presenting); blanking is not.
 */
import { create } from 'zustand';

/** Packet labels are drawn 9 px high on the ring; presenting, this many times larger (20 px). */
export const PRESENT_PACKET_SCALE = 20 / 9;
/** Server cards, presenting, are this many times their size (their text is larger). */
export const PRESENT_CARD_SCALE = 1.1;

interface PresentState {
  presenting: boolean;
  /** The screen is black (B); any key brings it back. */
  blanked: boolean;
}

function presentInUrl(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('present');
}

export const usePresentStore = create<PresentState>(() => ({ presenting: presentInUrl(), blanked: false }));

export const usePresenting = (): boolean => usePresentStore((s) => s.presenting);
export const useBlanked = (): boolean => usePresentStore((s) => s.blanked);
export const isPresenting = (): boolean => usePresentStore.getState().presenting;
export const isBlanked = (): boolean => usePresentStore.getState().blanked;

/** `?present` added to or removed from an address's query, other parameters kept as they are. */
export function withPresent(search: string, on: boolean): string {
  const params = new URLSearchParams(search);
  params.delete('present');
  const rest = params.toString();
  if (!on) return rest === '' ? '' : `?${rest}`;
  return rest === '' ? '?present' : `?${rest}&present`;
}

export function setPresenting(on: boolean): void {
  usePresentStore.setState(on ? { presenting: true } : { presenting: false, blanked: false });
  if (typeof location === 'undefined' || typeof history === 'undefined') return;
  const search = withPresent(location.search, on);
  if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}

export const togglePresenting = (): void => setPresenting(!isPresenting());

export function setBlanked(on: boolean): void {
  usePresentStore.setState({ blanked: on && isPresenting() });
}
