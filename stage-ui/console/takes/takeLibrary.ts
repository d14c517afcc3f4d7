// The console's side of the takes REST API: the list (`GET /api/takes`, into the store), one take's decisions
// (`GET /api/takes/:id`) and export links. Live take.started / stopped / failed events update the list in place.
import type { TakeManifestWire } from '../../../engine/protocol/takes.ts';
import type { ConsoleStore } from '../state/ConsoleStore.ts';
import { authFetch } from '../../live/pageToken.ts';
import { apiPath, downloadWithToken } from '../state/tokenUrl.ts';
import type { TakeAuditRecordWire } from './takeMarkers.ts';

/** What post can download (the engine's TAKE_EXPORT_FORMATS; stage-ui may not import engine/takes). */
export const TAKE_EXPORT_FORMATS = ['csv', 'json', 'gltf', 'usda', 'chan'] as const;
export type TakeExportFormat = (typeof TAKE_EXPORT_FORMATS)[number];

/** `GET /api/takes/:id`. */
export interface TakeDetailWire {
  manifest: TakeManifestWire;
  cameras: string[];
  frames: number;
  audit: TakeAuditRecordWire[];
}

/** A manifest as it may come off the wire: checked before the list trusts it. */
export function isTakeManifest(v: unknown): v is TakeManifestWire {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Partial<TakeManifestWire>;
  return typeof m.id === 'string' && typeof m.slate === 'string' && typeof m.takeNumber === 'number' && typeof m.state === 'string' && typeof m.startedAt === 'string';
}

/** Reads the list into the store; a 404 means an engine without takes (the panel says so). */
export async function loadTakes(store: ConsoleStore): Promise<void> {
  try {
    const res = await authFetch('/api/takes', { cache: 'no-store' });
    if (res.status === 404) return store.set((s) => ({ takes: { status: 'unavailable', list: s.takes.list } }));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { takes?: unknown };
    const list = Array.isArray(body.takes) ? body.takes.filter(isTakeManifest) : [];
    store.set({ takes: { status: 'ok', list: sortNewestFirst(list) } });
  } catch {
    store.set((s) => ({ takes: { status: s.takes.list.length ? 'ok' : 'error', list: s.takes.list } }));
  }
}

/** A manifest from a live event replaces the one with its id, or joins the list. */
export function upsertTake(store: ConsoleStore, manifest: TakeManifestWire): void {
  const { takes } = store.get();
  const list = takes.list.filter((m) => m.id !== manifest.id);
  list.push(manifest);
  store.set({ takes: { status: 'ok', list: sortNewestFirst(list) } });
}

export async function fetchTakeDetail(takeId: string): Promise<TakeDetailWire> {
  const res = await authFetch(`/api/takes/${encodeURIComponent(takeId)}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as TakeDetailWire;
}

/** The export of the take's active camera (the engine's default when `camera` is left out); no token in it. */
export function takeExportUrl(takeId: string, format: TakeExportFormat): string {
  return apiPath(`/api/takes/${encodeURIComponent(takeId)}/export`, { format });
}

/** Downloads that export, the token in a header. */
export function downloadTakeExport(takeId: string, format: TakeExportFormat): Promise<void> {
  return downloadWithToken(takeExportUrl(takeId, format), `${takeId}.${format}`);
}

function sortNewestFirst(list: TakeManifestWire[]): TakeManifestWire[] {
  return list.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}
