import type { MessageKey } from '../../app/i18n/translate';
import type { QuestionKind, Reveal } from './queries';

export const KIND_LABEL: Record<QuestionKind, MessageKey> = {
  single: 'exam.kind.single', multiple: 'exam.kind.multiple', true_false: 'exam.kind.true_false', fill: 'exam.kind.fill', short: 'exam.kind.short',
};
export const DIFFICULTY_LABEL: Record<number, MessageKey> = { 1: 'exam.difficulty.1', 2: 'exam.difficulty.2', 3: 'exam.difficulty.3' };
export const REVEAL_LABEL: Record<Reveal, MessageKey> = { score: 'exam.reveal.score', answers: 'exam.reveal.answers', after_close: 'exam.reveal.after_close' };
export const WINDOW_LABEL: Record<'not_open' | 'open' | 'closed', { color: string; label: MessageKey }> = {
  not_open: { color: 'default', label: 'exam.window.not_open' },
  open: { color: 'processing', label: 'exam.window.open' },
  closed: { color: 'default', label: 'exam.window.closed' },
};
