import { describe, expect, it } from 'vitest';
import { screenshotReferences, withScreenshots, withoutScreenshots } from './report-screenshots.js';

const shots = new Map([
  ['screenshots/no-action-first-layer.jpg', new Uint8Array([0xff, 0xd8, 1, 2, 3])],
  ['screenshots/refuse-all-after-choice.jpg', new Uint8Array([0xff, 0xd8, 9, 8, 7, 6])],
]);
const data = (bytes: Uint8Array) =>
  `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`;
const full = [...shots.values()]
  .map((b, i) => `<figure id="s${i}"><img src="${data(b)}" alt="x"></figure>`)
  .join('')
  .concat(`<p>${data(new Uint8Array([1]))} is text, not a screenshot</p>`);

describe('a stored report’s screenshots', () => {
  it('are stored once, beside it, and put back byte for byte', () => {
    const stored = withoutScreenshots(full, shots);
    for (const bytes of shots.values()) expect(stored).not.toContain(data(bytes));
    // A data: image that is not one of the screenshots stays.
    expect(stored).toContain(`<p>${data(new Uint8Array([1]))} is text`);
    expect(screenshotReferences(stored)).toEqual([...shots.keys()]);
    expect(withScreenshots(stored, shots)).toBe(full);
  });

  it('leave a reference whose screenshot is missing as it is, and touch nothing else', () => {
    const stored = withoutScreenshots(full, shots);
    const one = new Map([...shots].slice(0, 1));
    expect(withScreenshots(stored, one)).toContain(
      'galette-artifact:screenshots/refuse-all-after-choice.jpg',
    );
    expect(withoutScreenshots('<p>no image</p>', shots)).toBe('<p>no image</p>');
  });
});
