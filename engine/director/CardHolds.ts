// Which suggestion cards a refresh must leave as they are: the one under a director's cursor or open in their editor
// (held by that console until it lets go or disconnects), and every card a director has adjusted but not yet run.
export class CardHolds {
  /** clientId → the suggestion id that console holds. */
  private readonly byClient = new Map<string, string>();
  private readonly adjusted = new Set<string>();

  /** `suggestionId` null releases whatever `clientId` held. */
  hold(clientId: string, suggestionId: string | null): void {
    if (suggestionId === null) this.byClient.delete(clientId);
    else this.byClient.set(clientId, suggestionId);
  }

  release(clientId: string): void {
    this.byClient.delete(clientId);
  }

  /** A director changed this card: it is theirs now, and no refresh replaces it until it is run or rejected. */
  markAdjusted(suggestionId: string): void {
    this.adjusted.add(suggestionId);
  }

  /** The card was run or rejected. */
  forget(suggestionId: string): void {
    this.adjusted.delete(suggestionId);
    for (const [client, id] of this.byClient) if (id === suggestionId) this.byClient.delete(client);
  }

  /** A new shot (camera switch, scene change): nothing of the old one is worth keeping. */
  clear(): void {
    this.adjusted.clear();
    this.byClient.clear();
  }

  isHeld(suggestionId: string): boolean {
    if (this.adjusted.has(suggestionId)) return true;
    for (const id of this.byClient.values()) if (id === suggestionId) return true;
    return false;
  }

  /**
   * The refreshed list: `fresh`, except that every held card of `previous` stays exactly as it was, at its old rank
   * (replacing the fresh card with its id, or put back if the refresh dropped it).
   */
  merge<T extends { id: string }>(previous: readonly T[], fresh: readonly T[]): T[] {
    const out = [...fresh];
    previous.forEach((card, rank) => {
      if (!this.isHeld(card.id)) return;
      const i = out.findIndex((c) => c.id === card.id);
      if (i >= 0) out[i] = card;
      else out.splice(Math.min(rank, out.length), 0, card);
    });
    return out;
  }
}
