import { api, unwrap } from '../../shared/api';
import type { BodyOf, QueryOf, ResponseOf } from '../../shared/api-models';

export type MyExam = ResponseOf<'/api/learning/exams', 'get'>['items'][number];
export type Attempt = ResponseOf<'/api/learning/attempts/{id}', 'get'>;
export type AttemptItem = Attempt['items'][number];
export type SubmitResult = ResponseOf<'/api/learning/attempts/{id}/submit', 'post'>;
export type ExamItem = ResponseOf<'/api/exams', 'get'>['items'][number];
export type ExamDetail = ResponseOf<'/api/exams/{id}', 'get'>;
export type ExamBody = BodyOf<'/api/exams', 'post'>;
export type ExamResults = ResponseOf<'/api/exams/{id}/results', 'get'>;
export type Category = ResponseOf<'/api/exams/categories', 'get'>['items'][number];
export type QuestionItem = ResponseOf<'/api/exams/questions', 'get'>['items'][number];
export type QuestionQuery = QueryOf<'/api/exams/questions'>;
export type QuestionDetail = ResponseOf<'/api/exams/questions/{id}', 'get'>;
export type QuestionBody = BodyOf<'/api/exams/questions', 'post'>;
export type QuestionKind = QuestionItem['kind'];
export type ImportResult = ResponseOf<'/api/exams/questions/import', 'post'>;
export type SheetItem = ResponseOf<'/api/grading', 'get'>['items'][number];
export type Sheet = ResponseOf<'/api/grading/{id}', 'get'>;
export type Reveal = ExamDetail['reveal'];

export const examKeys = {
  all: ['exams'] as const,
  mine: ['exams', 'mine'] as const,
  attempt: (id: string) => ['exams', 'attempt', id] as const,
  list: (page: number, state: string) => ['exams', 'list', page, state] as const,
  detail: (id: string) => ['exams', 'detail', id] as const,
  results: (id: string) => ['exams', 'results', id] as const,
  categories: ['exams', 'categories'] as const,
  questions: (q: QuestionQuery) => ['exams', 'questions', q] as const,
  question: (id: string) => ['exams', 'question', id] as const,
  units: ['exams', 'units'] as const,
  people: (q: string) => ['exams', 'people', q] as const,
  grading: (page: number) => ['exams', 'grading', page] as const,
  sheet: (id: string) => ['exams', 'sheet', id] as const,
};

export const fetchAttempt = (id: string) => unwrap(api.GET('/api/learning/attempts/{id}', { params: { path: { id } } }));
export const fetchExam = (id: string) => unwrap(api.GET('/api/exams/{id}', { params: { path: { id } } }));
export const fetchQuestion = (id: string) => unwrap(api.GET('/api/exams/questions/{id}', { params: { path: { id } } }));
export const fetchCategories = () => unwrap(api.GET('/api/exams/categories'));

/** Option letters as shown: the n-th option on this taker's paper is "A", "B", … whatever its key in the bank. */
export const LETTERS = 'ABCDEFGH';
