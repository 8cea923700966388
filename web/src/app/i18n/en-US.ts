import type { Dictionary } from './zh-CN';
import { enCore } from './en-US.core';
import { enAdmin } from './en-US.admin';

export const enUS: Dictionary = { ...enCore, ...enAdmin };
