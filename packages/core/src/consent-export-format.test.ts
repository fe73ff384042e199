import { ValidationError, type FieldError } from './errors.js';
import { formatFieldError } from './field-error.js';
import { describe, expect, it } from 'vitest';
import {
  CSV_HEADER,
  parseConsentRecordLine,
  type ConsentExportFormat,
} from './consent-export-format.js';

function problem(text: string, format: ConsentExportFormat): FieldError {
  try {
    parseConsentRecordLine(text, format, 7);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors[0]!;
  }
  throw new Error('expected a ValidationError');
}

describe('parseConsentRecordLine', () => {
  it('names the bad line with a code, in English and in French', () => {
    const notJson = problem('{"seq":', 'jsonl');
    expect(notJson).toMatchObject({ path: 'line 7', code: 'not_json', message: 'not JSON' });
    expect(formatFieldError(notJson, 'fr')).toBe('line 7 : pas du JSON');
    expect(problem('[1]', 'jsonl')).toMatchObject({
      code: 'not_a_record',
      message: 'not a record',
    });
    const columns = CSV_HEADER.split(',').length;
    expect(problem('a,b', 'csv')).toMatchObject({
      code: 'wrong_field_count',
      message: `expected ${columns} fields`,
    });
    const choices = CSV_HEADER.split(',').map((column) => (column === 'choices' ? '{' : 'x'));
    expect(problem(choices.join(','), 'csv')).toMatchObject({
      code: 'choices_not_json',
      message: 'choices: not JSON',
    });
  });
});
