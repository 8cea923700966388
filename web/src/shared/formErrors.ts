import type { FormInstance } from 'antd';
import { ApiError } from './errors';

/**
 * Puts a 400's message under the field the server named, when that field is on the form.
 * Returns true when it did; otherwise the caller shows the message in an Alert.
 */
export function applyFieldError<T>(form: FormInstance<T>, err: unknown, fields: readonly string[]): boolean {
  if (!(err instanceof ApiError) || err.field === undefined || err.message === '') return false;
  const name = fields.find((f) => f === err.field || err.field?.endsWith(`.${f}`) || err.field?.endsWith(`/${f}`));
  if (name === undefined) return false;
  form.setFields([{ name: name as never, errors: [err.message] }]);
  return true;
}
