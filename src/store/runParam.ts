/**
 * `?run=…`: the whole run in a link — the current branch's actions up to now (src/protocol/runLink.ts),
 * deflated and base64url-encoded so a long session still fits in an address. Opening the link
 * replays it exactly (same trace hash) and pauses there. Decoding validates before anything is
 * replayed; a bad link becomes a notice and a fresh lab.
 */
import { encodeRun, parseRun, type RunData } from '../protocol/runLink.ts';
import type { LabConfig } from '../protocol/config.ts';
import { parseRunOf } from '../protocol/registry.ts';

/** Longest `run` value accepted (characters). */
export const MAX_RUN_PARAM = 400_000;
/** Largest inflated run text accepted (bytes). */
export const MAX_RUN_JSON = 20_000_000;

/** Runs `bytes` through a (de)compression stream; gives up (null) past `cap` bytes of output. */
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, cap = Infinity): Promise<Uint8Array | null> {
  const reader = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export async function encodeRunParam(run: RunData): Promise<string> {
  return toBase64Url((await pipe(new TextEncoder().encode(encodeRun(run)), new CompressionStream('deflate-raw')))!);
}

/**
 * A run from a link's `run` value, validated for this lab: its settings (a protocol's own actions,
 * such as Paxos' `propose`, are checked against them: src/protocol/registry.ts parseRunOf) or just
 * its number of servers.
 */
export async function decodeRunParam(param: string, lab: number | LabConfig): Promise<{ run: RunData } | { error: string }> {
  if (param.length > MAX_RUN_PARAM) return { error: `the link is longer than ${MAX_RUN_PARAM} characters` };
  const packed = fromBase64Url(param);
  if (!packed) return { error: 'not a run (bad encoding)' };
  let text: string;
  try {
    // Inflating stops past MAX_RUN_JSON bytes: a small link cannot make the page build a huge text.
    const bytes = await pipe(packed, new DecompressionStream('deflate-raw'), MAX_RUN_JSON);
    if (!bytes) return { error: 'the run is too large' };
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'not a run (bad compression)' };
  }
  return typeof lab === 'number' ? parseRun(text, lab) : parseRunOf(lab, text);
}
