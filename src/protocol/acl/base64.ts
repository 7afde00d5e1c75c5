/** Standard base64 with `=` padding, as DigestAuthenticationProvider.base64Encode writes it. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const b0 = b[i] ?? 0;
    const b1 = b[i + 1];
    const b2 = b[i + 2];
    const v = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    s += ALPHABET[(v >> 18) & 63];
    s += ALPHABET[(v >> 12) & 63];
    s += b1 === undefined ? '=' : ALPHABET[(v >> 6) & 63];
    s += b2 === undefined ? '=' : ALPHABET[v & 63];
  }
  return s;
}
