import { describe, expect, it } from 'vitest';
import { CardHolds } from './CardHolds.ts';

const card = (id: string, v: number) => ({ id, v });

describe('CardHolds', () => {
  it('keeps a held card as it was, at its rank, whether the refresh changed it or dropped it', () => {
    const holds = new CardHolds();
    const before = [card('pan-poi:arch', 1), card('hold-none', 1), card('orbit-subject:ana', 1)];
    holds.hold('console-a', 'orbit-subject:ana');
    holds.markAdjusted('pan-poi:arch');
    const fresh = [card('truck-subject:ana', 2), card('pan-poi:arch', 2), card('hold-none', 2)];
    expect(holds.merge(before, fresh)).toEqual([
      card('truck-subject:ana', 2),
      card('pan-poi:arch', 1), // adjusted: replaced in place by what the director made of it
      card('orbit-subject:ana', 1), // hovered, dropped by the refresh: put back at its old rank
      card('hold-none', 2),
    ]);
  });

  it('lets go when the console releases, disconnects, or the card is run; a new shot clears everything', () => {
    const holds = new CardHolds();
    holds.hold('a', 'x');
    holds.hold('b', 'y');
    holds.hold('a', null);
    holds.release('b');
    expect(holds.isHeld('x') || holds.isHeld('y')).toBe(false);
    holds.hold('a', 'z');
    holds.markAdjusted('w');
    holds.forget('z');
    expect(holds.isHeld('z')).toBe(false);
    expect(holds.isHeld('w')).toBe(true);
    holds.clear();
    expect(holds.isHeld('w')).toBe(false);
    expect(holds.merge([card('w', 1)], [card('w', 2)])).toEqual([card('w', 2)]);
  });
});
