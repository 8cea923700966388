/** Response shapes of the live room's routes (OpenAPI, and the web app's generated types). */
import { MaterialSchema } from '../schemas.js';
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../platform/http/schema.js';

const ChoiceT = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('abstain')]);

export const AttendeeT = Type.Object({
  personId: Type.String(), name: Type.String(), role: Type.String(), voting: Type.Boolean(), attendance: Type.String(),
  signedInAt: Nullable(Type.String()), signInChannel: Nullable(Type.String()), leave: Type.Boolean(),
});
export const SpeakerT = Type.Object({ id: Type.String(), personId: Type.String(), name: Type.String(), state: Type.Union([Type.Literal('waiting'), Type.Literal('speaking'), Type.Literal('done'), Type.Literal('withdrawn')]), raisedAt: Type.String() });
export const MessageT = Type.Object({ id: Type.String(), authorName: Type.String(), personId: Nullable(Type.String()), text: Type.String(), at: Type.String() });
export const TallyT = Type.Object({
  yes: Type.Integer(), no: Type.Integer(), abstain: Type.Integer(), cast: Type.Integer(), shouldAttend: Type.Integer(), present: Type.Integer(),
  quorumMet: Type.Boolean(), needed: Type.Integer(), passed: Type.Boolean(),
});
export const VoteT = Type.Object({
  id: Type.String(), title: Type.String(), ballot: Type.Union([Type.Literal('open'), Type.Literal('secret')]), body: Type.Union([Type.Literal('assembly'), Type.Literal('committee')]),
  agendaItemId: Nullable(Type.String()), state: Type.Union([Type.Literal('open'), Type.Literal('closed')]), openedAt: Type.String(), closedAt: Nullable(Type.String()),
  cast: Type.Integer(), tally: Nullable(TallyT), openChoices: Nullable(Type.Array(Type.Object({ name: Type.String(), choice: ChoiceT }))),
});
export const MyBallotT = Type.Object({ voteId: Type.String(), cast: Type.Boolean(), choice: Nullable(ChoiceT) });
export const QuorumT = Type.Object({ met: Type.Boolean(), needed: Type.Integer(), present: Type.Integer(), shouldAttend: Type.Integer() });
export const MinutesT = Type.Object({
  text: Type.String(), updatedAt: Nullable(Type.String()), signed: Type.Boolean(),
  lock: Nullable(Type.Object({ userId: Type.String(), name: Type.String(), until: Type.String() })),
});
export const PresentUserT = Type.Object({ userId: Type.String(), personId: Nullable(Type.String()), name: Type.String() });
export const AbilitiesT = Type.Object({ manage: Type.Boolean(), signIn: Type.Boolean(), speak: Type.Boolean(), vote: Type.Boolean(), draftMinutes: Type.Boolean() });

export const RoomSnapshotT = Type.Object({
  seq: Type.Integer(),
  meeting: Type.Object({
    id: Type.String(), title: Type.String(), kind: Type.String(), status: Type.String(), orgUnitName: Type.String(), place: Type.String(), online: Type.Boolean(),
    videoLink: Nullable(Type.String()), plannedStartAt: Type.String(), plannedEndAt: Type.String(), heldStartAt: Nullable(Type.String()), heldEndAt: Nullable(Type.String()),
    hostName: Nullable(Type.String()), recorderName: Nullable(Type.String()),
  }),
  attendees: Type.Array(AttendeeT),
  agenda: Type.Array(Type.Object({ id: Type.String(), position: Type.Integer(), title: Type.String(), presenter: Type.String(), durationMinutes: Nullable(Type.Integer()) })),
  materials: Type.Array(MaterialSchema),
  currentAgendaItemId: Nullable(Type.String()),
  shownMaterialId: Nullable(Type.String()),
  speakers: Type.Array(SpeakerT),
  messages: Type.Array(MessageT),
  votes: Type.Array(VoteT),
  myBallots: Type.Array(MyBallotT),
  quorum: Nullable(QuorumT),
  minutes: MinutesT,
  presence: Type.Array(PresentUserT),
  me: Type.Object({ userId: Type.String(), personId: Nullable(Type.String()), abilities: AbilitiesT }),
});

export const ChoiceSchema = ChoiceT;
