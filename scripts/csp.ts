/**
 * The built site's Content-Security-Policy, in one place: a `<meta http-equiv>` tag the build puts
 * first in index.html (so any static host serves it), and the same policy as a response header
 * from `vite preview` (what the e2e suite and `npm run bench` serve), which can also say who may
 * frame the page — a meta tag cannot (`frame-ancestors`).
 *
 * - Scripts, workers (one per server, and the service worker), styles and fetches come from the
 *   site itself; no inline script, no eval (neither 'unsafe-inline' nor 'unsafe-eval' anywhere).
 * - style-src 'self' without 'unsafe-inline': the built CSS is a file, and React sets `style`
 *   props through the CSSOM (element.style), which a CSP does not restrict; only style attributes
 *   in markup and <style> elements would need 'unsafe-inline', and the page has none.
 * - img-src also allows data: and blob: URLs: pictures the page makes itself (a PNG of the ring).
 * - Nothing is plugged in (object-src 'none'), no <base> (base-uri 'none'), no form posts.
 * - Framing: the lab itself is not framed (frame-ancestors 'none', against clickjacking); an
 *   `?embed` page is made to be framed by a course page or slide deck anywhere.
 *
 * Not in `vite dev`: its React refresh preamble is an inline script and its HMR a WebSocket.
 */
import type { Plugin } from 'vite';

const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** The policy as the build's meta tag carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** Whether a request is for an embed page (`?embed`, docs in the README). */
export function isEmbedRequest(url: string): boolean {
  return new URL(url, 'http://localhost').searchParams.has('embed');
}

/** The headers `vite preview` sends with every response: the policy, and who may frame the page. */
export function securityHeaders(url: string): Record<string, string> {
  return {
    'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors ${isEmbedRequest(url) ? '*' : "'none'"}`,
    'X-Content-Type-Options': 'nosniff',
  };
}

/** The Vite plugin: the meta tag in the built index.html, the headers in `vite preview`. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'zookeeper-lab:csp',
    apply: (_config, env) => env.command === 'build' || env.isPreview === true,
    transformIndexHtml: {
      order: 'post',
      // Right after the charset, before any script or style the policy governs.
      handler: (html) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
        const withMeta = html.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    ${meta}`);
        if (withMeta === html) throw new Error('index.html has no <meta charset>: the Content-Security-Policy meta tag goes right after it');
        return withMeta;
      },
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        for (const [k, v] of Object.entries(securityHeaders(req.url ?? '/'))) res.setHeader(k, v);
        next();
      });
    },
  };
}
