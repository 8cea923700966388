/** Kysely types of the exhibition's tables (listed in platform/db/schema.ts `DB`); migration 0043_exhibition.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { RoomTheme, Wall } from './rules.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type HallStatus = 'draft' | 'published';

export interface ExhibitionHallsTable {
  id: string;
  tenant_id: string;
  org_unit_id: string;
  title: string;
  intro: Generated<string>;
  status: Generated<HallStatus>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ExhibitionRoomsTable {
  id: string;
  tenant_id: string;
  hall_id: string;
  position: number;
  title: string;
  intro: Generated<string>;
  theme: Generated<RoomTheme>;
  created_at: Generated<Date>;
}

export interface ExhibitionExhibitsTable {
  id: string;
  tenant_id: string;
  hall_id: string;
  room_id: string;
  resource_id: string;
  title: string;
  body: Generated<string>;
  year: number;
  month: number | null;
  wall: Wall | null;
  slot: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
}

export interface ExhibitionTables {
  exhibition_halls: ExhibitionHallsTable;
  exhibition_rooms: ExhibitionRoomsTable;
  exhibition_exhibits: ExhibitionExhibitsTable;
}
