import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, redactPassword } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('resolves SQLite paths against the working directory', () => {
    expect(parseDatabaseUrl('sqlite:./data/galette.db', '/srv/galette')).toEqual({
      kind: 'sqlite',
      path: '/srv/galette/data/galette.db',
    });
    expect(parseDatabaseUrl('sqlite:data/g.db', '/srv')).toEqual({
      kind: 'sqlite',
      path: '/srv/data/g.db',
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/galette.db', '/srv')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/galette.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('passes PostgreSQL URLs through whole', () => {
    for (const url of [
      'postgres://u:p@db:5432/galette?sslmode=require',
      'postgresql://db/galette',
    ]) {
      expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', connectionString: url });
    }
  });

  it.each(['', 'sqlite:', 'sqlite://host/db', 'mysql://db/galette', './galette.db', 'postgres:db'])(
    'refuses %j with an invalid_input error naming GALETTE_DB',
    (url) => {
      expect(() => parseDatabaseUrl(url)).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          message: expect.stringContaining('GALETTE_DB'),
        }),
      );
    },
  );

  it('keeps passwords out of messages', () => {
    expect(redactPassword('mysql://root:hunter2@db/x')).toBe('mysql://root:***@db/x');
    expect(redactPassword('postgres://db/x')).toBe('postgres://db/x');
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).toThrow(/root:\*\*\*@db/);
  });
});
