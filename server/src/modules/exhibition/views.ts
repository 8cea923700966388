/**
 * What visitors and curators read: the list of halls, a hall to walk (only the exhibits whose resources the visitor may
 * read, placed on the walls by the layout rule), and the curator's editor view (every exhibit, with how far its
 * resource reaches the hall's visitors).
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { inSubtrees } from '../../platform/db/subtree.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readerOf, type Reader } from '../library/access.js';
import { HALL, type HallRow } from './halls.js';
import { exhibitResources, resourceFileUrl, type ExhibitKind, type ExhibitResource } from './resources.js';
import { excerptOf, layoutRoom, reachOf, roomsOutOfOrder, timelineCompare, yearSpan, type Reach } from './rules.js';
import type { ExhibitionExhibitsTable, ExhibitionRoomsTable } from './tables.js';

type ExhibitRow = Selectable<ExhibitionExhibitsTable>;
type RoomRow = Selectable<ExhibitionRoomsTable>;

const hallQuery = (tx: Tx) => tx.selectFrom('exhibition_halls as h').innerJoin('org_units as u', 'u.id', 'h.org_unit_id').selectAll('h').select(['u.path as unit_path', 'u.name as unit_name']);

/** A visitor may walk a published hall of a unit above or at theirs; its curators may also preview a draft. */
function mayVisit(actor: Actor, reader: Reader, h: HallRow): boolean {
  return can(actor, 'exhibition.manage', h.unit_path) || (h.status === 'published' && reader.reachedBy.includes(h.unit_path));
}

const timelineOf = (e: ExhibitRow) => ({ id: e.id, year: e.year, month: e.month, createdAt: e.created_at });

function exhibitView(e: ExhibitRow, r: ExhibitResource) {
  return {
    id: e.id, roomId: e.room_id, title: e.title, text: e.body, year: e.year, month: e.month,
    kind: r.kind as ExhibitKind, resourceId: r.id, resourceTitle: r.title, source: r.source,
    imageUrl: r.kind === 'image' ? resourceFileUrl(r.id) : null,
    // An article shows its opening on the panel; an image its library summary, under the curator's text.
    excerpt: r.kind === 'article' ? excerptOf(r.bodyText) : r.summary,
  };
}

async function contents(tx: Tx, hallIds: readonly string[]) {
  if (hallIds.length === 0) return { rooms: [] as RoomRow[], exhibits: [] as ExhibitRow[] };
  const rooms = await tx.selectFrom('exhibition_rooms').selectAll().where('hall_id', 'in', hallIds).orderBy('hall_id').orderBy('position').execute();
  const exhibits = await tx.selectFrom('exhibition_exhibits').selectAll().where('hall_id', 'in', hallIds).execute();
  return { rooms, exhibits };
}

/** The hall to walk: rooms in order, each with the exhibits the visitor may see in timeline order and where they hang. */
export async function getTour(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const h = await hallQuery(tx).where('h.id', '=', id).executeTakeFirst();
    if (!h || !mayVisit(actor, reader, h)) throw notFound(HALL);
    const { rooms, exhibits } = await contents(tx, [id]);
    const resources = await exhibitResources(tx, actor, reader, exhibits.map((e) => e.resource_id));
    const shown = exhibits.filter((e) => resources.get(e.resource_id)?.readable === true);
    return {
      id: h.id, title: h.title, intro: h.intro, unitName: h.unit_name, status: h.status, publishedAt: h.published_at?.toISOString() ?? null,
      canManage: can(actor, 'exhibition.manage', h.unit_path),
      rooms: rooms.map((room) => {
        const mine = shown.filter((e) => e.room_id === room.id);
        const layout = layoutRoom(mine.map((e) => ({ ...timelineOf(e), wall: e.wall, slot: e.slot })));
        return {
          id: room.id, position: room.position, title: room.title, intro: room.intro, theme: room.theme, slotsPerWall: layout.slotsPerWall, years: yearSpan(mine),
          exhibits: [...mine].sort((a, b) => timelineCompare(timelineOf(a), timelineOf(b))).map((e) => {
            const place = layout.placements.get(e.id)!;
            return { ...exhibitView(e, resources.get(e.resource_id)!), wall: place.wall, slot: place.slot };
          }),
        };
      }),
    };
  });
}

/** The curator's view: every exhibit (also those the curator cannot show), its reach and its place. */
export async function getEditor(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const h = await hallQuery(tx).where('h.id', '=', id).executeTakeFirst();
    if (!h || !can(actor, 'exhibition.manage', h.unit_path)) throw notFound(HALL);
    const { rooms, exhibits } = await contents(tx, [id]);
    const resources = await exhibitResources(tx, actor, reader, exhibits.map((e) => e.resource_id));
    const roomViews = rooms.map((room) => {
      const mine = exhibits.filter((e) => e.room_id === room.id).sort((a, b) => timelineCompare(timelineOf(a), timelineOf(b)));
      const layout = layoutRoom(mine.map((e) => ({ ...timelineOf(e), wall: e.wall, slot: e.slot })));
      return {
        id: room.id, position: room.position, title: room.title, intro: room.intro, theme: room.theme, slotsPerWall: layout.slotsPerWall, years: yearSpan(mine),
        exhibits: mine.map((e) => {
          const r = resources.get(e.resource_id);
          const place = layout.placements.get(e.id)!;
          const reach: Reach = reachOf(r, h.unit_path);
          return {
            id: e.id, roomId: e.room_id, title: e.title, text: e.body, year: e.year, month: e.month, wall: e.wall, slot: e.slot,
            placedWall: place.wall, placedSlot: place.slot, resourceId: e.resource_id, reach,
            resourceTitle: r?.readable ? r.title : null, kind: r?.readable ? (r.kind as ExhibitKind) : null,
            imageUrl: r?.readable && r.kind === 'image' ? resourceFileUrl(r.id) : null,
          };
        }),
      };
    });
    return {
      id: h.id, title: h.title, intro: h.intro, status: h.status, version: h.version, unit: { id: h.org_unit_id, name: h.unit_name },
      publishedAt: h.published_at?.toISOString() ?? null, updatedAt: h.updated_at.toISOString(),
      outOfOrder: roomsOutOfOrder(roomViews.map((r) => r.years)),
      rooms: roomViews,
    };
  });
}

/** Halls the actor may walk (published, for their unit or above) or curates (any state), newest first. */
export async function listHalls(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => {
    const reader = await readerOf(tx, actor);
    const curates = scopesFor(actor, 'exhibition.manage');
    const halls = await hallQuery(tx).where((eb) => eb.or([
      eb.and([eb('h.status', '=', 'published'), eb('u.path', 'in', reader.reachedBy)]),
      inSubtrees('u.path', curates),
    ])).orderBy('h.updated_at', 'desc').limit(100).execute();
    const { rooms, exhibits } = await contents(tx, halls.map((h) => h.id));
    const resources = await exhibitResources(tx, actor, reader, exhibits.map((e) => e.resource_id));
    return {
      canCurate: curates.length > 0,
      items: halls.map((h) => {
        const mine = exhibits.filter((e) => e.hall_id === h.id && resources.get(e.resource_id)?.readable === true).sort((a, b) => timelineCompare(timelineOf(a), timelineOf(b)));
        const cover = mine.find((e) => resources.get(e.resource_id)?.kind === 'image');
        return {
          id: h.id, title: h.title, intro: h.intro, unitName: h.unit_name, status: h.status, canManage: can(actor, 'exhibition.manage', h.unit_path),
          rooms: rooms.filter((r) => r.hall_id === h.id).length, exhibits: mine.length, years: yearSpan(mine),
          coverUrl: cover ? resourceFileUrl(cover.resource_id) : null,
          publishedAt: h.published_at?.toISOString() ?? null, updatedAt: h.updated_at.toISOString(),
        };
      }),
    };
  });
}
