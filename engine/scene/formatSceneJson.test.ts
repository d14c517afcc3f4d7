import { describe, expect, it } from 'vitest';
import { formatSceneJson } from './formatSceneJson.ts';

describe('formatSceneJson', () => {
  it('indents objects by two spaces and keeps number arrays on one line', () => {
    const text = formatSceneJson({ id: 'x', position: [0, 1.6, -4.25], scale: [1e-3, -2, 3], tags: ['a', 'b'], nested: [{ at: [1, 2, 3] }] });
    expect(text).toBe(
      [
        '{',
        '  "id": "x",',
        '  "position": [0, 1.6, -4.25],',
        '  "scale": [0.001, -2, 3],',
        '  "tags": [',
        '    "a",',
        '    "b"',
        '  ],',
        '  "nested": [',
        '    {',
        '      "at": [1, 2, 3]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips: the text parses back to the same value', () => {
    const value = { a: [1.5e-7, -1, 12345678.9], b: { c: [] as number[], d: [[1, 2], [3, 4]] } };
    expect(JSON.parse(formatSceneJson(value))).toEqual(value);
  });
});
