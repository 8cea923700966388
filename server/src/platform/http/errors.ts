/** A message in both languages the product speaks; the response picks one by the request's language. */
export interface Msg { zh: string; en: string }

/** An error a user can cause: answered with its status and a plain message, never a 500. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly msg: Msg,
    readonly field?: string,
  ) {
    super(msg.en);
    this.name = 'AppError';
  }
}

export const notFound = (what: Msg = { zh: '记录', en: 'Record' }) =>
  new AppError(404, 'not_found', { zh: `找不到该${what.zh}，可能已被删除或您无权查看`, en: `${what.en} not found` });

export const forbidden = (msg: Msg = { zh: '您没有执行此操作的权限', en: 'You do not have permission to do this' }) =>
  new AppError(403, 'forbidden', msg);

export const unauthorized = (msg: Msg = { zh: '请先登录', en: 'Please log in' }) => new AppError(401, 'unauthorized', msg);

export const badField = (field: string, msg: Msg) => new AppError(400, 'invalid_field', msg, field);

export const conflict = (field: string | undefined, msg: Msg) => new AppError(409, 'conflict', msg, field);
