import { Type } from '@sinclair/typebox';

/** RULES.md §5 meeting kinds, as the API names them (tables.ts MeetingKind). */
export const KindSchema = Type.Union([
  Type.Literal('branch_assembly'), Type.Literal('committee'), Type.Literal('group'), Type.Literal('lecture'), Type.Literal('theme_day'),
  Type.Literal('life_meeting'), Type.Literal('evaluation'),
]);
