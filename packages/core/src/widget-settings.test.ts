import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accentColorProblem,
  floorRatio,
  contrastRatio,
  readableTextColor,
  resolveWidgetSettings,
} from './widget-settings.js';

describe('widget colours', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#000091', '#ffffff')).toBeGreaterThan(14);
  });

  it('always finds a button text colour reaching 4.5:1', () => {
    const hex = fc
      .integer({ min: 0, max: 0xffffff })
      .map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(
      fc.property(hex, (bg) => {
        expect(contrastRatio(bg, readableTextColor(bg))).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it('refuses a button colour that does not stand out from the banner', () => {
    expect(accentColorProblem('#fafafa', 'neutral')).toEqual({
      code: 'low_contrast',
      params: { background: '#ffffff', ratio: '1.04', min: 4.5 },
    });
    // 3:1 is enough for a control's boundary, not for Galette's accent: 4.5:1 like text.
    expect(accentColorProblem('#949494', 'neutral')).toEqual({
      code: 'low_contrast',
      params: { background: '#ffffff', ratio: '3.03', min: 4.5 },
    });
    expect(accentColorProblem('#767676', 'neutral')).toBeUndefined();
    expect(floorRatio(4.4999)).toBe('4.49');
    expect(accentColorProblem('red', 'neutral')).toEqual({ code: 'not_a_hex_colour' });
    expect(accentColorProblem('#b60000', 'dsfr')).toBeUndefined();
  });

  it('resolves defaults and clamps the consent lifetime to 13 months', () => {
    expect(resolveWidgetSettings()).toMatchObject({
      theme: 'neutral',
      consentDays: 180,
      control: 'left',
    });
    expect(resolveWidgetSettings({ consentMonths: 99 }).consentDays).toBe(390);
    // A colour between 3:1 and 4.5:1 was valid before 4.5:1 was asked: refused for a save, but
    // a revision published with it is still rendered with it. Below 3:1, the theme's colour.
    expect(accentColorProblem('#808080', 'neutral')).toMatchObject({ code: 'low_contrast' });
    expect(resolveWidgetSettings({ accentColor: '#808080' }).accent).toEqual([
      '#808080',
      '#000000',
    ]);
    expect(resolveWidgetSettings({ accentColor: '#aaaaaa' }).accent[0]).toBe('#1f2937');
    expect(
      resolveWidgetSettings({ consentMode: { ad_storage: 'statistics' } }).consentMode,
    ).toMatchObject({ ad_storage: 'statistics', analytics_storage: 'statistics' });
  });
});
