import type { MessageKey } from '../../app/i18n/translate';
import type { LessonKind } from './queries';

export const KIND_KEYS: Record<LessonKind, MessageKey> = {
  article: 'crs.kind.article', pdf: 'crs.kind.pdf', video: 'crs.kind.video', audio: 'crs.kind.audio', image: 'crs.kind.image',
};
