/** Types of build.mjs, for the tests that build the widget before serving it. */
export type WidgetFiles = Record<'widget.js' | 'preferences.js' | 'widget-boot.js', string>;
export declare const BROWSER_DIR: string;
export declare const PLACEHOLDERS: Readonly<Record<keyof WidgetFiles, string>>;
export declare function buildWidget(options?: { analyze?: boolean }): Promise<WidgetFiles>;
export declare function writeWidget(): Promise<WidgetFiles & { 'widget.css': string }>;
