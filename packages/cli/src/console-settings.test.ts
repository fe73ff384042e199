import { translator } from '@galette/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.js';
import { consoleSettings } from './console-settings.js';

const t = translator('en');

describe('consoleSettings', () => {
  it('defaults to nothing required and the default theme', () => {
    expect(consoleSettings({}, t)).toEqual({});
    expect(consoleSettings({ GALETTE_REQUIRE_SECOND_FACTOR: 'none' }, t)).toEqual({});
  });

  it('reads the theme and who must have a second factor', () => {
    expect(
      consoleSettings(
        { GALETTE_CONSOLE_THEME: 'Neutral', GALETTE_REQUIRE_SECOND_FACTOR: ' admins ' },
        t,
      ),
    ).toEqual({ consoleTheme: 'neutral', requireSecondFactor: 'admins' });
  });

  it('names the variable and the values it takes when one is wrong', () => {
    expect(() => consoleSettings({ GALETTE_REQUIRE_SECOND_FACTOR: 'yes' }, t)).toThrow(
      new UsageError(
        'GALETTE_REQUIRE_SECOND_FACTOR: invalid value "yes" (expected: none | admins | all).',
      ),
    );
    expect(() => consoleSettings({ GALETTE_CONSOLE_THEME: 'dark' }, t)).toThrow(UsageError);
  });
});
