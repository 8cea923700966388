import { zhCore } from './zh-CN.core';
import { zhAdmin } from './zh-CN.admin';

/** The reference dictionary: every other locale must have exactly these keys. */
export const zhCN = { ...zhCore, ...zhAdmin } as const;

export type MessageKey = keyof typeof zhCN;
export type Dictionary = Record<MessageKey, string>;
