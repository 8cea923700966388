/** Request and response pieces shared by the dues routes. */
import { Type } from '@sinclair/typebox';

export const YearMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
export const Category = Type.Union([
  Type.Literal('employed'), Type.Literal('annual_salary'), Type.Literal('self_employed'), Type.Literal('retired'), Type.Literal('low_income'), Type.Literal('farmer'), Type.Literal('mobile'),
]);
/** Money in 分: whole numbers; at most 1 亿元. */
export const Fen = Type.Integer({ minimum: 0, maximum: 10_000_000_000 });
