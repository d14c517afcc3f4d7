// Reject with an optional reason: one click on a common reason, or a few words, or none.
import { useState } from 'react';

const REASONS = ['wrong subject', 'wrong timing', 'too fast', 'too slow', 'bad framing', 'leaves the safe area'];

export function RejectPrompt({ onReject, onCancel }: { onReject: (reason?: string) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  return (
    <div className="reject-box" data-testid="reject-prompt">
      <div className="reasons">
        {REASONS.map((r) => (
          <button key={r} type="button" className="btn small" onClick={() => onReject(r)}>
            {r}
          </button>
        ))}
      </div>
      <div style={{ display: 'flex', gap: 8 }}>
        <input
          type="text"
          placeholder="other reason (optional)"
          value={text}
          maxLength={200}
          style={{ flex: 1 }}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && onReject(text.trim() || undefined)}
        />
        <button type="button" className="btn danger" data-testid="reject-confirm" onClick={() => onReject(text.trim() || undefined)}>
          Reject
        </button>
        <button type="button" className="btn ghosted" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
