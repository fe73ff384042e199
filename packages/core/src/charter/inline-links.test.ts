import { describe, expect, it } from 'vitest';
import { splitLinks } from './inline-links.js';

describe('splitLinks', () => {
  it('finds http and https addresses inside text', () => {
    expect(splitLinks('Voir https://www.cnil.fr et http://a.fr/b?c=1#d.')).toEqual([
      { text: 'Voir ' },
      { url: 'https://www.cnil.fr' },
      { text: ' et ' },
      { url: 'http://a.fr/b?c=1#d' },
      { text: '.' },
    ]);
  });

  it('leaves sentence punctuation and unbalanced parentheses outside', () => {
    expect(splitLinks('(https://www.cnil.fr).')).toEqual([
      { text: '(' },
      { url: 'https://www.cnil.fr' },
      { text: ').' },
    ]);
    expect(splitLinks('https://fr.wikipedia.org/wiki/Cookie_(informatique)')).toEqual([
      { url: 'https://fr.wikipedia.org/wiki/Cookie_(informatique)' },
    ]);
  });

  it('takes an address written in angle brackets without its brackets', () => {
    expect(splitLinks('sur <https://opendata.paris.fr>')).toEqual([
      { text: 'sur ' },
      { url: 'https://opendata.paris.fr' },
    ]);
  });

  it('never makes links of other schemes or of markup', () => {
    expect(splitLinks('javascript:alert(1) <a href="x">')).toEqual([
      { text: 'javascript:alert(1) <a href="x">' },
    ]);
    expect(splitLinks('https://a.fr/"onmouseover=x')).toEqual([
      { url: 'https://a.fr/' },
      { text: '"onmouseover=x' },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(splitLinks('')).toEqual([]);
  });
});
