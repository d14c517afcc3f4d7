// A row of tabs; each may carry a red alert dot (e.g. a stale tracking source) or a count.
import type { ReactNode } from 'react';

export interface TabSpec<K extends string> {
  key: K;
  label: ReactNode;
  alert?: boolean;
  count?: number;
}

export function Tabs<K extends string>({ tabs, value, onChange }: { tabs: readonly TabSpec<K>[]; value: K; onChange: (key: K) => void }) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => (
        <button key={t.key} type="button" role="tab" className="tab" aria-selected={t.key === value} data-testid={`tab-${t.key}`} onClick={() => onChange(t.key)}>
          {t.label}
          {t.count !== undefined && t.count > 0 && <span className="count num">{t.count}</span>}
          {t.alert && <span className="dot" aria-label="attention" />}
        </button>
      ))}
    </div>
  );
}
