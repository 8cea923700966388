/** The live room's models, looked up by route from the generated API types, and the socket's messages. */
import type { ResponseOf } from '../../../shared/api-models';

export type RoomSnapshot = ResponseOf<'/api/meetings/{id}/room', 'get'>;
export type VoteView = RoomSnapshot['votes'][number];
export type MyBallot = RoomSnapshot['myBallots'][number];
export type Speaker = RoomSnapshot['speakers'][number];
export type Message = RoomSnapshot['messages'][number];
export type Attendee = RoomSnapshot['attendees'][number];
export type PresentUser = RoomSnapshot['presence'][number];
export type MinutesView = RoomSnapshot['minutes'];
export type Quorum = NonNullable<RoomSnapshot['quorum']>;
export type Choice = 'yes' | 'no' | 'abstain';

/** What the server sends over the room's WebSocket (server/src/platform/realtime/hub.ts ServerMessage). */
export type ServerMessage =
  | { t: 'event'; seq: number; type: string; data: unknown; at: string }
  | { t: 'presence'; full?: PresentUser[]; add?: PresentUser[]; remove?: string[] }
  | { t: 'ready'; seq: number }
  | { t: 'pong' };

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';
