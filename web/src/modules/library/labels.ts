import type { MessageKey } from '../../app/i18n/translate';
import type { ResourceCategory, ResourceKind } from './queries';

export const kindLabel = (k: ResourceKind): MessageKey => `library.kind.${k}`;
export const categoryLabel = (c: ResourceCategory): MessageKey => `library.category.${c}`;
export const KIND_COLORS: Record<ResourceKind, string> = { article: 'blue', pdf: 'volcano', image: 'green', audio: 'purple', video: 'magenta' };
