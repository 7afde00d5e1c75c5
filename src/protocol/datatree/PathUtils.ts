/**
 * PathUtils.validatePath (ZooKeeper 3.8 "Paths"). Returns the IllegalArgumentException
 * message, or null when the path is valid. Indices are UTF-16 positions, as in Java.
 */
export function validatePath(path: string | null, isSequential = false): string | null {
  if (path === null) return 'Path cannot be null';
  // Sequential creates validate path + "1", so `create -s /z2/` is legal.
  const p = isSequential ? path + '1' : path;
  if (p.length === 0) return 'Path length must be > 0';
  if (p.charAt(0) !== '/') return 'Path must start with / character';
  if (p.length === 1) return null;
  if (p.charAt(p.length - 1) === '/') return 'Path must not end with / character';
  let reason: string | null = null;
  let lastc = '/';
  for (let i = 1; i < p.length; lastc = p.charAt(i), i++) {
    const ch = p.charAt(i);
    const c = p.charCodeAt(i);
    if (c === 0) {
      reason = 'null character not allowed @' + i;
      break;
    } else if (ch === '/' && lastc === '/') {
      reason = 'empty node name specified @' + i;
      break;
    } else if (ch === '.' && lastc === '.') {
      if (p.charAt(i - 2) === '/' && (i + 1 === p.length || p.charAt(i + 1) === '/')) {
        reason = 'relative paths not allowed @' + i;
        break;
      }
    } else if (ch === '.') {
      if (p.charAt(i - 1) === '/' && (i + 1 === p.length || p.charAt(i + 1) === '/')) {
        reason = 'relative paths not allowed @' + i;
        break;
      }
    } else if (
      (c > 0x0000 && c <= 0x001f) ||
      (c >= 0x007f && c <= 0x009f) ||
      (c >= 0xd800 && c <= 0xf8ff) ||
      (c >= 0xfff0 && c <= 0xffff)
    ) {
      reason = 'invalid character @' + i;
      break;
    }
  }
  return reason === null ? null : 'Invalid path string "' + p + '" caused by ' + reason;
}
