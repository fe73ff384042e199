import { readFile } from 'node:fs/promises';
import { LocalizedError, fileErrorReason, parseJsonText } from '@galette/core';

/**
 * A JSON file's value. A file that cannot be read or is not JSON is an input error naming the
 * file, in the command's language: never Node's or V8's English text.
 */
export async function readJsonFile(file: string, lang: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LocalizedError(
      'invalid_input',
      'files.failed',
      { file, reason: fileErrorReason(lang, error) },
      { cause: error },
    );
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    if (!(error instanceof LocalizedError)) throw error;
    throw new LocalizedError(
      'invalid_input',
      'files.failed',
      { file, reason: error.localize(lang) },
      { cause: error },
    );
  }
}
