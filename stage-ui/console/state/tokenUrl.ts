// API URLs carrying this page's role token (`/?token=…`), for the endpoints that need one.

export function withToken(pathname: string, params: Record<string, string | number> = {}): string {
  const url = new URL(pathname, location.href);
  const token = new URL(location.href).searchParams.get('token');
  if (token) url.searchParams.set('token', token);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url.pathname + url.search;
}
