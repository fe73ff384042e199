export { runCli, COMMANDS } from './cli.js';
export { cliLanguage } from './cli-language.js';
export {
  EXIT_OK,
  EXIT_RUNTIME,
  EXIT_USAGE,
  UsageError,
  type CliIo,
  type Command,
  type CommandContext,
} from './command.js';
export { DEMO_PRESET_DIR, loadPreset, readPresetDir } from './demo-preset.js';
export { describeChanges } from './describe-changes.js';
export { DEFAULT_DB, DEFAULT_PORT } from './options.js';
export { CLI_VERSION } from './version.js';
