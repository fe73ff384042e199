// `@galette/core/node`: the only part of core that touches the file system or the network. Core's main entry
// never imports it (the widget bundles that entry); the server, the CLI and the scanner do.
export * from './load-cookie-database.js';
export * from './private-network.js';
export * from './site-of.js';
