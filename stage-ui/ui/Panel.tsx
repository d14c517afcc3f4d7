// A bordered panel with an optional header row (title, then whatever the panel puts on the right).
import type { ReactNode } from 'react';

export interface PanelProps {
  title?: ReactNode;
  /** Controls shown at the right of the header. */
  actions?: ReactNode;
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
  /** Pinned below the scrolling body. */
  footer?: ReactNode;
  testId?: string;
}

export function Panel({ title, actions, className = '', bodyClassName = 'panel-body', children, footer, testId }: PanelProps) {
  return (
    <section className={`panel ${className}`} data-testid={testId}>
      {title !== undefined && (
        <header className="panel-head">
          <span className="panel-title">{title}</span>
          <span className="spacer" />
          {actions}
        </header>
      )}
      <div className={bodyClassName}>{children}</div>
      {footer}
    </section>
  );
}
