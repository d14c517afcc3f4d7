// Where each value (and each object key) of a JSON text starts, by the path validation errors use (`walls[1].radiusM`),
// so a stage-file error can say "line 5, column 7" instead of "position 65". Assumes text JSON.parse has accepted.
import { formatIssuePath } from '../protocol/formatIssuePath.ts';

export interface JsonLocation {
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

export interface JsonLocations {
  /** Where the value at `path` starts; for a path that is not in the text, its nearest present ancestor. */
  valueAt(path: readonly PropertyKey[]): JsonLocation;
  /** Where the key `key` of the object at `path` is written (for unknown keys). */
  keyAt(path: readonly PropertyKey[], key: string): JsonLocation;
}

export function jsonLocations(text: string): JsonLocations {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const value = (path: PropertyKey[]) => {
    ws();
    values.set(formatIssuePath(path), i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (text[i] !== '}' && i < text.length) {
        ws();
        const keyStart = i;
        string();
        const key = JSON.parse(text.slice(keyStart, i)) as string;
        keys.set(`${formatIssuePath(path)}\u0000${key}`, keyStart);
        ws();
        i++; // colon
        value([...path, key]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      let n = 0;
      while (text[i] !== ']' && i < text.length) {
        value([...path, n++]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
    }
  };
  value([]);
  const at = (offset: number): JsonLocation => lineColumnAt(text, offset);
  return {
    valueAt(path) {
      for (let n = path.length; n >= 0; n--) {
        const offset = values.get(formatIssuePath(path.slice(0, n)));
        if (offset !== undefined) return at(offset);
      }
      return at(0);
    },
    keyAt(path, key) {
      const offset = keys.get(`${formatIssuePath(path)}\u0000${key}`);
      return offset === undefined ? this.valueAt(path) : at(offset);
    },
  };
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): JsonLocation {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
