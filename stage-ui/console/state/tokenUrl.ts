// API paths and downloads for the console: the role token travels as `Authorization: Bearer` (see pageToken.ts),
// never in a URL a screenshot, the history or a download list would keep.
import { authFetch } from '../../live/pageToken.ts';

/** `pathname` with query `params`, no token. */
export function apiPath(pathname: string, params: Record<string, string | number> = {}): string {
  const url = new URL(pathname, location.href);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url.pathname + url.search;
}

/** Fetches `path` with the token and saves it under the name the engine gives (Content-Disposition), else `fallbackName`. */
export async function downloadWithToken(path: string, fallbackName: string): Promise<void> {
  const res = await authFetch(path, { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
