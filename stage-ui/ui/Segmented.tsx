// A segmented control: one of a few options, each a pressed/unpressed button (keyboard hint optional).
import type { ReactNode } from 'react';

export interface SegmentOption<K extends string> {
  key: K;
  label: ReactNode;
  title?: string;
  disabled?: boolean;
}

export function Segmented<K extends string>({ options, value, onChange, testId }: { options: readonly SegmentOption<K>[]; value: K; onChange: (key: K) => void; testId?: string }) {
  return (
    <div className="seg" role="group" data-testid={testId}>
      {options.map((o) => (
        <button key={o.key} type="button" aria-pressed={o.key === value} title={o.title} disabled={o.disabled} onClick={() => onChange(o.key)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
