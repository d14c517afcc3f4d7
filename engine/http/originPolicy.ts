// Which browser origins may open the engine's WebSockets: its own (the page the engine served), plus an allowlist.

/**
 * `origin` (the request's Origin header) is the engine's own when its scheme matches how the engine is served and
 * its host:port is the Host the browser connected to; or it is on `allowed` (full origins, `scheme://host[:port]`).
 * `Origin: null` (sandboxed frames, file://) is never the engine's own.
 */
export function isOriginAllowed(origin: string, host: string | undefined, tls: boolean, allowed: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.includes(parsed.origin)) return true;
  if (host === undefined) return false;
  return parsed.protocol === (tls ? 'https:' : 'http:') && parsed.host === host.toLowerCase();
}
