import { Type } from '@sinclair/typebox';

/** RULES.md §5 meeting kinds, as the API names them (tables.ts MeetingKind). */
export const KindSchema = Type.Union([
  Type.Literal('branch_assembly'), Type.Literal('committee'), Type.Literal('group'), Type.Literal('lecture'), Type.Literal('theme_day'),
  Type.Literal('life_meeting'), Type.Literal('evaluation'),
]);

/** A meeting's material as the meeting page and the room show it (present.ts MaterialView). */
export const MaterialSchema = Type.Object({
  id: Type.String(), title: Type.String(), kind: Type.Union([Type.Literal('link'), Type.Literal('library'), Type.Literal('file')]), ref: Type.String(),
  addedAt: Type.String(), url: Type.Union([Type.String(), Type.Null()]),
  file: Type.Union([Type.Object({ name: Type.String(), size: Type.Integer(), contentType: Type.String() }), Type.Null()]),
});
