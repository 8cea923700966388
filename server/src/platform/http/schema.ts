import { Type, type TSchema, type TProperties, type ObjectOptions } from '@sinclair/typebox';

/** Request objects reject unknown fields: a typo in a field name is an error, not silently ignored. */
export const Obj = <T extends TProperties>(props: T, opts: ObjectOptions = {}) => Type.Object(props, { additionalProperties: false, ...opts });

/** A bounded string; every string a user sends has a maximum length. */
export const Str = (min: number, max: number, opts: Record<string, unknown> = {}) => Type.String({ minLength: min, maxLength: max, ...opts });

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Obj({ id: Uuid });

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});

export const Ok = Type.Object({ ok: Type.Literal(true) });

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
