/**
 * The charter page's stylesheet, served at `/assets/charter.css`: a sober, readable layout in the
 * spirit of public-service sites, responsive tables, visible focus, dark mode and print.
 */
export const CHARTER_STYLESHEET = `:root {
  color-scheme: light dark;
  --text: #1e1e1e;
  --muted: #595959;
  --background: #ffffff;
  --surface: #f6f6f6;
  --border: #dddddd;
  --accent: #000091;
  --focus: #0a76f6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #eeeeee;
    --muted: #b4b4b4;
    --background: #161616;
    --surface: #222222;
    --border: #3a3a3a;
    --accent: #8585f6;
    --focus: #6ea8fe;
  }
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  margin: 0;
  color: var(--text);
  background: var(--background);
  font-family: Marianne, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.6;
}
.charter-header,
main,
.charter-footer {
  max-width: 50rem;
  margin: 0 auto;
  padding: 0 1rem;
}
.charter-header {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.5rem 1rem;
  padding-top: 1rem;
  padding-bottom: 1rem;
  border-bottom: 1px solid var(--border);
}
.charter-portal {
  margin: 0;
  font-weight: 700;
}
nav ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1rem;
  margin: 0;
  padding: 0;
  list-style: none;
}
h1,
h2,
h3 {
  line-height: 1.25;
  margin: 2rem 0 0.75rem;
}
h1 {
  font-size: 2rem;
}
h2 {
  font-size: 1.5rem;
  padding-top: 1rem;
  border-top: 1px solid var(--border);
}
h3 {
  font-size: 1.2rem;
}
p {
  margin: 0 0 1rem;
  max-width: 70ch;
}
a {
  color: var(--accent);
  text-decoration: underline;
  text-underline-offset: 0.15em;
  overflow-wrap: anywhere;
}
a:hover {
  text-decoration-thickness: 2px;
}
a:focus-visible,
.charter-table:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
  border-radius: 2px;
}
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.9em;
  /* Names wrap at their <wbr> (after _ . -). break-word leaves the column at least as wide as a
     name's longest part (breaking at any letter would shrink it and cut names mid-word), so a
     part is cut only when it alone is wider than the page. */
  overflow-wrap: break-word;
}
.charter-category {
  margin-bottom: 2rem;
}
.charter-table {
  overflow-x: auto;
  margin: 0 0 1.5rem;
  border: 1px solid var(--border);
}
table {
  width: 100%;
  border-collapse: collapse;
  font-size: 0.95rem;
}
caption {
  padding: 0.5rem 0.75rem;
  text-align: left;
  font-weight: 700;
  background: var(--surface);
}
th,
td {
  padding: 0.5rem 0.75rem;
  text-align: left;
  vertical-align: top;
  border-top: 1px solid var(--border);
}
th {
  background: var(--surface);
}
@media (max-width: 40rem) {
  h1 {
    font-size: 1.6rem;
  }
  table {
    min-width: 36rem;
  }
}
.charter-footer {
  margin-top: 3rem;
  padding-top: 1rem;
  padding-bottom: 2rem;
  border-top: 1px solid var(--border);
  color: var(--muted);
  font-size: 0.9rem;
}
@media print {
  .charter-header nav,
  .charter-footer nav {
    display: none;
  }
  .charter-table {
    overflow: visible;
    border: 0;
  }
  a {
    color: inherit;
  }
}
@media (prefers-reduced-motion: reduce) {
  * {
    scroll-behavior: auto !important;
    transition: none !important;
  }
}
`;
