import { describe, expect, it } from 'vitest';
import { isPluralName } from './isPluralName.ts';

describe('isPluralName', () => {
  it('reads a last word ending in "s" as plural', () => {
    expect(['Guest chairs', 'Steps', 'Arches', 'column avenue lights'].map(isPluralName)).toEqual([true, true, true, true]);
  });

  it('reads "ss", "us" and "is" endings, and words without a final "s", as singular', () => {
    expect(['Glass', 'Bus', 'Axis', 'Terrace', 'Host desk', 'First arch', 'window'].map(isPluralName)).toEqual([false, false, false, false, false, false, false]);
  });

  it('looks at the last word only, ignoring numbers, punctuation, case and short words', () => {
    expect(['Steps 2', 'STAIRS!', 'Chairs by the glass', 'Glass doors'].map(isPluralName)).toEqual([true, true, false, true]);
    expect(['Camera B', "Ana's", 'As', '', '42'].map(isPluralName)).toEqual([false, false, false, false, false]);
  });
});
