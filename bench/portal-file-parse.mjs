/* global process, console */
// How long parsePortalFile takes on a 200-declaration portal file (median of many runs).
// npm run bench:portal-file (or npx tsc -b packages/core && node bench/portal-file-parse.mjs)
import { parsePortalFile, PORTAL_FILE_FORMAT } from '../packages/core/dist/index.js';

const declarations = Array.from({ length: 200 }, (_, i) => ({
  provider: `Provider ${i % 7}`,
  service: { fr: `Service ${i}`, en: `Service ${i}` },
  name: `cookie_${i}`,
  purpose: {
    fr: `Mesurer la fréquentation, numéro ${i}.`,
    en: `Measure the audience, number ${i}.`,
  },
  category: ['necessary', 'statistics', 'preferences', 'marketing', 'video'][i % 5],
  lifetime: ['session', 'P13M', 'PT12H', 'P1Y6M'][i % 4],
  ...(i % 3 === 0 && { party: 'third', domain: '.youtube.com', hosts: ['www.youtube.com'] }),
  ...(i % 10 === 1 && { consentExempt: true }),
}));
const file = {
  format: PORTAL_FILE_FORMAT,
  id: 'opendata.paris.fr',
  name: 'Paris Data',
  url: 'https://opendata.paris.fr',
  categories: [
    { id: 'video', label: { fr: 'Vidéo', en: 'Video' }, description: { fr: 'Lecteurs' } },
  ],
  declarations,
  texts: { intro: { fr: 'Bonjour', en: 'Hello' } },
  widget: { theme: 'dsfr', consentMode: { ad_storage: 'marketing' } },
};
const bad = {
  ...file,
  declarations: declarations.map((d, i) => (i % 20 ? d : { ...d, category: 'x' })),
};

function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}
const first = median(() => parsePortalFile(file), 1);
for (let i = 0; i < 50; i++) parsePortalFile(file);
const valid = median(() => parsePortalFile(file), 500);
const invalid = median(() => {
  try {
    parsePortalFile(bad);
  } catch {
    // expected: the file has ten bad categories
  }
}, 500);
console.log(
  `first parse ${first.toFixed(2)} ms; valid: median ${valid.toFixed(3)} ms; with 10 errors: median ${invalid.toFixed(3)} ms`,
);
