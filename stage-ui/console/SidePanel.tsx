// The tabbed side column: tracking health, scenes, takes, audit (and, on a tablet, the suggestions).
import { AuditPanel } from './audit/AuditPanel.tsx';
import { ScenesPanel } from './scenes/ScenesPanel.tsx';
import { useConsole, useStore } from './state/ConsoleContext.ts';
import type { SideTab } from './state/ConsoleStore.ts';
import { SuggestionsPanel } from './suggestions/SuggestionsPanel.tsx';
import { TakesPanel } from './takes/TakesPanel.tsx';
import { TrackingHealth } from './health/TrackingHealth.tsx';
import { Tabs, type TabSpec } from '../ui/Tabs.tsx';

export function SidePanel({ compact }: { compact: boolean }) {
  const store = useStore();
  const requested = useConsole((s) => s.sideTab);
  const anyStale = useConsole((s) => s.health.data?.sources.some((x) => x.stale) ?? false);
  const recording = useConsole((s) => (s.frame?.take?.recording ?? null) !== null);
  const suggestionCount = useConsole((s) => s.suggestions?.suggestions.length ?? 0);
  // On a wide screen suggestions have their own column: show tracking in their place.
  const tab: SideTab = !compact && requested === 'suggestions' ? 'tracking' : requested;
  const tabs: TabSpec<SideTab>[] = [
    ...(compact ? [{ key: 'suggestions' as const, label: 'Suggestions', count: suggestionCount }] : []),
    { key: 'tracking', label: 'Tracking', alert: anyStale },
    { key: 'scenes', label: 'Scenes' },
    { key: 'takes', label: 'Takes', alert: recording },
    { key: 'audit', label: 'Audit' },
  ];
  return (
    <section className="panel area-side" data-testid="side-panel">
      <Tabs tabs={tabs} value={tab} onChange={(sideTab) => store.set({ sideTab })} />
      {tab === 'suggestions' && <SuggestionsPanel embedded />}
      {tab === 'tracking' && <TrackingHealth />}
      {tab === 'scenes' && <ScenesPanel />}
      {tab === 'takes' && <TakesPanel />}
      {tab === 'audit' && <AuditPanel />}
    </section>
  );
}
