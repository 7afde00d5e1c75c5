/**
 * SRV/EphemeralType: how ephemeralOwner encodes ephemeral, container and TTL nodes
 * (ZooKeeper 3.8 "Stat fields on create"). Values are signed 64-bit, as Java longs.
 */
export type EphemeralType = 'VOID' | 'NORMAL' | 'CONTAINER' | 'TTL';

/** Long.MIN_VALUE */
export const CONTAINER_EPHEMERAL_OWNER = -(1n << 63n);
/** 0xff00000000000000 as a signed long */
const EXTENDED_MASK = BigInt.asIntN(64, 0xff00000000000000n);
const RESERVED_BITS_MASK = 0x00ffff0000000000n;
/** 2^40 − 1 = 1099511627775 ms (EphemeralType.TTL.maxValue()). */
export const MAX_TTL = 1099511627775;

export const TTL_ERROR = 'ttl must be positive and cannot be larger than: ' + MAX_TTL;

/** EphemeralType.TTL.toEphemeralOwner: null where Java throws (ttl ≤ 0 or > MAX_TTL). */
export function ttlToEphemeralOwner(ttl: number): bigint | null {
  if (!(ttl > 0) || ttl > MAX_TTL || !Number.isInteger(ttl)) return null;
  return BigInt.asIntN(64, EXTENDED_MASK | BigInt(ttl));
}

/** The TTL carried by a TTL node's ephemeralOwner. */
export function ttlOf(ephemeralOwner: bigint): number {
  return Number(BigInt.asUintN(64, ephemeralOwner) & BigInt(MAX_TTL));
}

/** EphemeralType.get; an unknown extended feature bit (Java throws) is read as NORMAL here. */
export function ephemeralTypeOf(ephemeralOwner: bigint, extendedTypesEnabled: boolean): EphemeralType {
  if (extendedTypesEnabled && (ephemeralOwner & EXTENDED_MASK) === EXTENDED_MASK) {
    if ((BigInt.asUintN(64, ephemeralOwner) & RESERVED_BITS_MASK) === 0n) return 'TTL';
  }
  if (ephemeralOwner === CONTAINER_EPHEMERAL_OWNER) return 'CONTAINER';
  return ephemeralOwner === 0n ? 'VOID' : 'NORMAL';
}
