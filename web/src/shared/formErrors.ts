import type { FormInstance } from 'antd';
import { ApiError } from './errors';

/** The form field a 400 names, when that field is on the form. */
export function errorField(err: unknown, fields: readonly string[]): string | undefined {
  if (!(err instanceof ApiError) || err.field === undefined || err.message === '') return undefined;
  const f = err.field;
  return fields.find((name) => name === f || f.endsWith(`.${name}`) || f.endsWith(`/${name}`));
}

/**
 * Puts a 400's message under the field the server named and scrolls to it. Returns true when it did;
 * otherwise the caller shows the message in an Alert (see `errorField`).
 */
export function applyFieldError<T>(form: FormInstance<T>, err: unknown, fields: readonly string[]): boolean {
  const name = errorField(err, fields);
  if (name === undefined || !(err instanceof ApiError)) return false;
  form.setFields([{ name: name as never, errors: [err.message] }]);
  form.scrollToField(name as never, { block: 'center', focus: true });
  return true;
}
