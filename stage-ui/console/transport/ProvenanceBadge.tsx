// Where a move (or an audit record) came from: AI approved as proposed, AI modified by a human, AI rejected, human-only.
const LABELS: Record<string, string> = {
  'ai-approved': 'AI · approved',
  'ai-modified': 'AI · modified',
  'ai-rejected': 'AI · rejected',
  'human-only': 'Human only',
};

export function ProvenanceBadge({ provenance }: { provenance: string }) {
  return (
    <span className={`prov ${provenance}`} data-testid="provenance">
      {LABELS[provenance] ?? provenance}
    </span>
  );
}
