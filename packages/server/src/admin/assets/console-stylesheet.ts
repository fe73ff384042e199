/**
 * The console's own rules on top of the DSFR: page spacing, inline forms, the one-time secret
 * box, and the neutral theme for operators outside the French state, who may not use the
 * Marianne typeface or the state's blue: the same components on a grey-blue palette and the
 * system font (`<html data-galette-theme="neutral">`).
 */
export const CONSOLE_STYLESHEET = `.galette-main{padding-block:2rem 4rem;min-height:60vh}
.galette-inline{display:inline}
.galette-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0;padding:0;list-style:none}
.galette-actions>li{padding:0}
.galette-header-tools{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:flex-end}
.galette-header-tools form{margin:0}
.galette-secret{display:block;font-family:ui-monospace,monospace;font-size:.875rem;word-break:break-all;background:var(--background-alt-grey);border:1px solid var(--border-default-grey);padding:.75rem;margin:.5rem 0 1rem;user-select:all}
.galette-filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1.5rem;align-items:end}
.galette-details{font-family:ui-monospace,monospace;font-size:.75rem;white-space:pre-wrap;word-break:break-word;max-width:28rem}
.galette-muted{color:var(--text-mention-grey)}
.galette-section{margin-block:2.5rem}
.galette-snippet{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--background-alt-grey);padding:.75rem;font-size:.875rem}
.galette-table-wrap{overflow-x:auto}
.galette-table-wrap table{width:100%}
.galette-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem;margin:1.5rem 0;padding:0;list-style:none}
.galette-figure-tile{display:flex;flex-direction:column;padding:1rem;border:1px solid var(--border-default-grey);background:var(--background-alt-grey)}
.galette-figure-tile__value{font-size:1.75rem;font-weight:700;line-height:2.25rem}
.galette-figure-tile__label{font-size:.875rem}
.galette-figure{margin:0 0 1rem}
.galette-shots{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.5rem;margin:1rem 0}
.galette-shots img{display:block;width:100%;height:auto;border:1px solid var(--border-default-grey)}
.galette-chart{width:100%;height:auto;max-width:60rem;display:block}
.galette-chart text{font-size:12px;fill:var(--text-default-grey,#161616)}
.galette-chart__grid{stroke:var(--border-default-grey,#ddd);stroke-width:1}
.galette-chart__axis{stroke:var(--text-default-grey,#161616);stroke-width:1}
.galette-chart__acceptAll{fill:#18753c}
.galette-chart__custom{fill:#0063cb}
.galette-chart__rejectAll{fill:#ce0500}
.galette-chart__withdraw{fill:#7a5a00}
.galette-chart__shown{fill:none;stroke:#3a3a3a;stroke-width:2;stroke-dasharray:6 3}
.galette-chart__marker{stroke:#6a1b9a;stroke-width:2}
.galette-chart text.galette-chart__marker-label{fill:#6a1b9a;font-weight:700}
.galette-chart__track{fill:var(--background-contrast-grey,#eee)}
.galette-chart__rate{fill:#000091}
html[data-galette-theme=neutral] .galette-chart__rate{fill:#2b4459}
.galette-legend{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0;padding:0;list-style:none;font-size:.875rem}
.galette-legend>li{display:flex;align-items:center;gap:.5rem;padding:0}
.galette-swatch{display:inline-block;width:1rem;height:1rem}
span.galette-chart__acceptAll{background:#18753c}
span.galette-chart__custom{background:#0063cb}
span.galette-chart__rejectAll{background:#ce0500}
span.galette-chart__withdraw{background:#7a5a00}
.galette-swatch--line{height:0;border-top:3px dashed #3a3a3a}
.galette-ins{background:#b8fec9;color:#161616;text-decoration:underline}
.galette-del{background:#ffe9e6;color:#161616;text-decoration:line-through}
.galette-words{white-space:pre-wrap}
.galette-code{font-family:ui-monospace,monospace;font-size:.875rem}
.galette-hash{font-size:.75rem;word-break:break-all}
.galette-plain-list{margin:0;padding:0;list-style:none}
.galette-plain-list>li{padding:0}
.galette-row-error>th{box-shadow:inset 4px 0 0 var(--border-plain-error,#ce0500)}
.galette-row-actions{white-space:normal;min-width:12rem}
.galette-row-actions .fr-link{font-size:.875rem}
.galette-preview-frame{display:block;max-width:100%;border:1px solid var(--border-default-grey)}
.galette-swatch--marker{width:0;height:1rem;border-left:3px solid #6a1b9a}
html[data-galette-theme=neutral]{--blue-france-sun-113-625:#2b4459;--blue-france-sun-113-625-hover:#3d5f7b;--blue-france-sun-113-625-active:#4e7595;--blue-france-main-525:#5d7d98;--blue-france-850-200:#c6d3de;--blue-france-925-125:#dfe7ee;--blue-france-925-125-hover:#c8d5e0;--blue-france-925-125-active:#b6c7d5;--blue-france-950-100:#e9eef3;--blue-france-950-100-hover:#d2dde6;--blue-france-950-100-active:#c1d0dc;--blue-france-975-75:#f4f7f9;--blue-france-975-75-hover:#e0e8ee;--blue-france-975-75-active:#cfdbe4;--blue-france-975-sun-113:#f4f7f9}
html[data-galette-theme=neutral] body,html[data-galette-theme=neutral] button,html[data-galette-theme=neutral] input,html[data-galette-theme=neutral] select,html[data-galette-theme=neutral] textarea{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
`;
