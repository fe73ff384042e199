/** The files of a portal's widget, each served at `/p/{portalId}/<file>`. */
export const WIDGET_FILES = [
  'widget.js',
  'preferences.js',
  'widget-boot.js',
  'widget.css',
  'widget.json',
] as const;

export type WidgetFile = (typeof WIDGET_FILES)[number];

export const WIDGET_CONTENT_TYPES: Readonly<Record<WidgetFile, string>> = {
  'widget.js': 'text/javascript; charset=utf-8',
  'widget-boot.js': 'text/javascript; charset=utf-8',
  'preferences.js': 'text/javascript; charset=utf-8',
  'widget.css': 'text/css; charset=utf-8',
  'widget.json': 'application/json; charset=utf-8',
};
