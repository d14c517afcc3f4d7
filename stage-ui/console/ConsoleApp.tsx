// The console's fixed grid: top bar; stage view; camera view; suggestions; side tabs (tracking, scenes, takes, audit);
// transport.
// At tablet widths (< 1600 px) suggestions move into the side tabs so the 3D views keep their size.
import { AuditFeed } from './audit/AuditFeed.tsx';
import { CameraPanel } from './camera/CameraPanel.tsx';
import { HealthPoller } from './health/HealthPoller.tsx';
import { ShortcutHelp } from './keyboard/ShortcutHelp.tsx';
import { useShortcuts } from './keyboard/useShortcuts.ts';
import { SidePanel } from './SidePanel.tsx';
import { StagePanel } from './stage/StagePanel.tsx';
import { SuggestionsPanel } from './suggestions/SuggestionsPanel.tsx';
import { TakesFeed } from './takes/TakesFeed.tsx';
import { Toasts } from './Toasts.tsx';
import { TopBar } from './topbar/TopBar.tsx';
import { MoveTransport } from './transport/MoveTransport.tsx';
import { useCompactLayout } from './useCompactLayout.ts';

export function ConsoleApp() {
  const compact = useCompactLayout();
  useShortcuts();
  return (
    <div className={`console${compact ? ' compact' : ''}`} data-layout={compact ? 'compact' : 'wide'}>
      <HealthPoller />
      <AuditFeed />
      <TakesFeed />
      <TopBar />
      <StagePanel />
      <CameraPanel />
      {!compact && <SuggestionsPanel className="area-sugg" />}
      <SidePanel compact={compact} />
      <MoveTransport />
      <Toasts />
      <ShortcutHelp />
    </div>
  );
}
