/**
 * The demo VR 党史展馆: drawn pictures of six moments of party history added to the library (images, published to the
 * whole enterprise), and a published hall of three rooms over them and the library's party-history articles, curated
 * by the publicity member for the top unit. Without a file store (tests) the pictures are skipped and the hall
 * shows the articles only.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { withTenant, type TxContext } from '../platform/db/tenancy.js';
import { acceptUpload, saveUpload, type Files } from '../platform/files/service.js';
import { writePassages } from '../modules/library/indexing.js';
import { EXHIBITION_PICTURES } from './exhibition-pictures.js';

export const DEMO_HALL_TITLE = '百年党史展馆';

type Exhibit = { picture?: string; article?: string; title: string; text: string; year: number; month: number | null };
export const DEMO_HALL_ROOMS: readonly { title: string; intro: string; theme: 'red' | 'gold' | 'stone' | 'blue'; exhibits: readonly Exhibit[] }[] = [
  {
    title: '开天辟地', intro: '从红船启航到新中国成立（1921—1949）', theme: 'red',
    exhibits: [
      { picture: 'redboat', title: '南湖红船', text: '中共一大在嘉兴南湖的游船上闭幕，宣告中国共产党诞生。', year: 1921, month: 7 },
      { article: '红船精神', title: '红船精神', text: '', year: 1921, month: 7 },
      { article: '遵义会议', title: '遵义会议', text: '', year: 1935, month: 1 },
      { picture: 'longmarch', title: '万水千山只等闲', text: '红军长征跨越万水千山，胜利会师。', year: 1936, month: 10 },
      { article: '西柏坡与“两个务必”', title: '“两个务必”', text: '', year: 1949, month: 3 },
      { picture: 'founding', title: '开国大典', text: '中华人民共和国中央人民政府成立。', year: 1949, month: 10 },
    ],
  },
  {
    title: '建设与改革', intro: '社会主义建设和改革开放（1949—2012）', theme: 'gold',
    exhibits: [
      { picture: 'daqing', title: '大庆石油会战', text: '石油工人在荒原上艰苦创业，甩掉“贫油”帽子。', year: 1960, month: 3 },
      { article: '大庆精神（铁人精神）', title: '大庆精神（铁人精神）', text: '', year: 1964, month: null },
      { article: '党的十一届三中全会', title: '伟大转折', text: '', year: 1978, month: 12 },
      { picture: 'reform', title: '春天的故事', text: '深圳经济特区设立，改革开放大潮涌起。', year: 1980, month: 8 },
    ],
  },
  {
    title: '新时代', intro: '中国特色社会主义进入新时代（2012— ）', theme: 'blue',
    exhibits: [
      { picture: 'centenary', title: '百年华诞', text: '庆祝中国共产党成立100周年大会在天安门广场举行。', year: 2021, month: 7 },
    ],
  },
];

export async function seedExhibition(db: Kysely<DB>, ctx: TxContext, referenceDate: string, files?: Files): Promise<{ pictures: number; exhibits: number }> {
  const author = await withTenant(db, ctx, (tx) => tx.selectFrom('users').select('id').where('username', '=', 'xuanchuan').executeTakeFirst());
  const actx: TxContext = { ...ctx, actorId: author?.id ?? null };
  const at = new Date(`${referenceDate}T08:00:00Z`);
  const pictures = new Map<string, string>();
  if (files) {
    for (const p of EXHIBITION_PICTURES) {
      const upload = await acceptUpload(files, Readable.from([p.png()]), { fileName: p.fileName, allowed: ['image'] });
      await withTenant(db, actx, async (tx) => {
        const f = await saveUpload(tx, actx, files, upload);
        const id = randomUUID();
        const tags = ['党史', '展馆', '示意图'];
        await tx.insertInto('library_resources').values({
          id, tenant_id: ctx.tenantId, kind: 'image', category: 'history', title: p.title, summary: p.summary, source: '集团党委宣传部（程序绘制）', tags,
          file_id: f.id, scope_unit_id: null, scope_path: '', status: 'published', shared: false, published_at: at, created_by: author?.id ?? null, created_at: at, updated_at: at,
        }).execute();
        await writePassages(tx, { id, tenantId: ctx.tenantId, title: p.title, summary: p.summary, bodyText: '', tags, shared: false });
        pictures.set(p.key, id);
      });
    }
  }
  let exhibits = 0;
  await withTenant(db, actx, async (tx) => {
    const root = await tx.selectFrom('org_units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const articles = new Map((await tx.selectFrom('library_resources').select(['id', 'title']).where('kind', '=', 'article').where('tenant_id', '=', ctx.tenantId).execute()).map((a) => [a.title, a.id]));
    const hallId = randomUUID();
    await tx.insertInto('exhibition_halls').values({
      id: hallId, tenant_id: ctx.tenantId, org_unit_id: root.id, title: DEMO_HALL_TITLE, status: 'published', created_by: author?.id ?? null,
      intro: '沿着时间线走过三个展厅，重温党的百年奋斗历程。展品来自学习资源库，点击展品可走近查看，也可以在展品时间线中浏览。',
      created_at: at, updated_at: at, published_at: at,
    }).execute();
    for (const [i, room] of DEMO_HALL_ROOMS.entries()) {
      const roomId = randomUUID();
      await tx.insertInto('exhibition_rooms').values({ id: roomId, tenant_id: ctx.tenantId, hall_id: hallId, position: i + 1, title: room.title, intro: room.intro, theme: room.theme, created_at: at }).execute();
      for (const [n, e] of room.exhibits.entries()) {
        const resourceId = e.picture ? pictures.get(e.picture) : articles.get(e.article ?? '');
        if (!resourceId) continue;
        // Hung in order, a second apart, so that equal dates keep the order given here.
        const hung = new Date(at.getTime() + (i * 100 + n) * 1000);
        await tx.insertInto('exhibition_exhibits').values({
          id: randomUUID(), tenant_id: ctx.tenantId, hall_id: hallId, room_id: roomId, resource_id: resourceId, title: e.title, body: e.text,
          year: e.year, month: e.month, wall: null, slot: null, created_by: author?.id ?? null, created_at: hung, updated_at: hung,
        }).execute();
        exhibits++;
      }
    }
  });
  return { pictures: pictures.size, exhibits };
}
