// The page's role token, out of the address bar: a join link's `?token=` is moved into this tab's session storage on
// load, so a screenshot, the history or a Referer never shows it; requests carry it in a header or subprotocol.

const STORAGE_KEY = 'vantage.token';

/** Moves `?token=` out of the URL (once, on load) and returns the tab's token, if any. */
export function pageToken(): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromUrl);
      url.searchParams.delete('token');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    } catch {
      // No storage (a locked-down browser): keep it in the URL rather than lose it.
      return fromUrl;
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** WebSocket subprotocols carrying the token: the server answers `vantage` and never echoes the token. */
export function tokenSubprotocols(token: string | undefined): string[] {
  return token ? ['vantage', `vantage-token.${token}`] : ['vantage'];
}

/** `fetch` with the token as `Authorization: Bearer`. */
export function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = pageToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(path, { ...init, headers });
}
