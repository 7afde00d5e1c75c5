/**
 * zxid = (epoch << 32) | counter (ZooKeeper 3.8, ZxidUtils.makeZxid). Held in a JS number,
 * which is exact for epochs below 2^21 — far beyond anything a lab run reaches.
 */
import { LONG_MIN_VALUE } from './types.ts';

const TWO_32 = 4294967296;

export function makeZxid(epoch: number, counter: number): number {
  return epoch * TWO_32 + (counter >>> 0);
}

export function epochOf(zxid: number): number {
  return Math.floor(zxid / TWO_32);
}

export function counterOf(zxid: number): number {
  return zxid - epochOf(zxid) * TWO_32;
}

/** `"0x" + Long.toHexString(v)`: lowercase, no padding, two's complement for negatives. */
export function hex(v: number): string {
  if (v === LONG_MIN_VALUE) return '0x8000000000000000';
  if (v >= 0) return '0x' + v.toString(16);
  const big = (BigInt(1) << BigInt(64)) + BigInt(v);
  return '0x' + big.toString(16);
}
