import { LocalizedError } from './errors.js';

/** Where a text stops being JSON: 1-based line and column, and what was found there. */
export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  /** The unexpected character, or undefined when the text ended too early. */
  readonly found: string | undefined;
}

/**
 * `JSON.parse`, except that a syntax error is a `LocalizedError` (`files.json.*`) saying where,
 * in the reader's language: V8's own text is English only and, on Node 20, names no position.
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const at = jsonSyntaxError(text) ?? { line: 1, column: 1, found: undefined };
    throw jsonSyntaxLocalizedError(at, error);
  }
}

/** The catalog error for a syntax error found by `jsonSyntaxError`. */
export function jsonSyntaxLocalizedError(at: JsonSyntaxError, cause?: unknown): LocalizedError {
  return at.found === undefined
    ? new LocalizedError(
        'invalid_input',
        'files.json.unexpectedEnd',
        { line: at.line, column: at.column },
        { cause },
      )
    : new LocalizedError(
        'invalid_input',
        'files.json.unexpected',
        { line: at.line, column: at.column, found: shown(at.found) },
        { cause },
      );
}

function shown(char: string): string {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f || char.trim() === ''
    ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : char;
}

/**
 * The first place where `text` breaks RFC 8259's grammar, or undefined when it is valid JSON.
 * A small recursive-descent reader: it only locates, `JSON.parse` builds the value.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[i] !== char) fail();
      i++;
    }
  };
  const digits = (atLeastOne: boolean) => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (atLeastOne && i === start) fail();
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits(true);
    if (text[i] === '.') {
      i++;
      digits(true);
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits(true);
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const char = text[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char.charCodeAt(0) < 0x20) fail();
      if (char === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
          }
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail();
      }
      i++;
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    fail();
  };
  try {
    // A byte order mark is not JSON, but editors write one: JSON.parse refuses it too.
    value();
    space();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return position(text, error.offset);
  }
}

class Stop {
  constructor(readonly offset: number) {}
}

function position(text: string, offset: number): JsonSyntaxError {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      start = k + 1;
    }
  }
  const found = offset < text.length ? String.fromCodePoint(text.codePointAt(offset)!) : undefined;
  return { line, column: offset - start + 1, found };
}
