/**
 * A canonical text form of trace entries for hashing: like JSON, but bigint, Uint8Array, Map
 * and Set get stable spellings (JSON.stringify throws on bigint and drops the rest).
 */
export function stableJson(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Uint8Array) {
        let s = '';
        for (const b of value) s += b.toString(16).padStart(2, '0');
        return `"u8:${s}"`;
      }
      if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
      if (value instanceof Map) return `{"map":[${[...value].map(([k, v]) => `[${stableJson(k)},${stableJson(v)}]`).join(',')}]}`;
      if (value instanceof Set) return `{"set":[${[...value].map(stableJson).join(',')}]}`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(k)}:${stableJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return 'null';
  }
}
