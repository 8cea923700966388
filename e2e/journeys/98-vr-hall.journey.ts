// Walk the VR 党史展馆 (issue 6): a union member on a phone opens the demo hall, sees the 3D rooms drawn (not a black
// canvas), walks with the on-screen pad and steps from exhibit to exhibit, and reads the same exhibits in the timeline
// list. On a desktop the publicity member walks with the keyboard, jumps to a room from the list, then curates: a
// new hall with a room and a picture from the library, published. Without WebGL the list alone is the hall.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { JourneyContext } from '../harness.js';
import { openNav, signInDemo } from '../steps/signin.js';
import { chooseOption } from '../steps/select.js';

export const name = 'walk the VR party-history hall on a phone and a desktop; curate and publish a hall';

const HALL = '百年党史展馆';

/** What the 3D canvas shows: the share of pixels that are not near-black, and a coarse fingerprint of the picture. */
async function canvasLook(page: Page): Promise<{ lit: number; print: string }> {
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('[data-testid="hall-canvas"] canvas');
    if (!gl) return { lit: 0, print: '' };
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 64;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0, 64, 64);
    const d = ctx.getImageData(0, 0, 64, 64).data;
    let lit = 0;
    let print = '';
    for (let i = 0; i < d.length; i += 4) {
      if (d[i]! + d[i + 1]! + d[i + 2]! > 60) lit++;
      if (i % (4 * 97) === 0) print += (d[i]! >> 5).toString(16);
    }
    return { lit: lit / (64 * 64), print };
  });
}

async function openHall(page: Page): Promise<void> {
  await page.getByTestId('hall-card').filter({ hasText: HALL }).getByTestId('hall-open').click();
  await page.locator('[data-testid="hall-canvas"][data-state="ready"]').waitFor({ timeout: 60_000 });
  const look = await canvasLook(page);
  assert.ok(look.lit > 0.5, `the hall is drawn, not a black canvas (${Math.round(look.lit * 100)}% lit)`);
}

export async function run(ctx: JourneyContext): Promise<void> {
  // ---- a visitor on a phone
  const phone = await ctx.newPhonePage();
  await signInDemo(phone, 'gonghui');
  await openNav(phone, 'exhibition');
  await phone.getByTestId('hall-card').filter({ hasText: HALL }).waitFor();
  assert.equal(await phone.getByTestId('hall-create').count(), 0, 'a visitor does not curate');
  await ctx.shot(phone, '01-halls-phone');
  await openHall(phone);
  assert.match(await phone.getByTestId('hall-room').innerText(), /第 1 展厅 · 开天辟地/);
  await ctx.shot(phone, '02-hall-phone', { fullPage: false });

  // Hold the on-screen forward arrow: the view changes.
  const before = await canvasLook(phone);
  const fwd = phone.getByTestId('hall-move-forward');
  const box = (await fwd.boundingBox())!;
  await phone.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await phone.mouse.down();
  await phone.waitForTimeout(1200);
  await phone.mouse.up();
  await phone.waitForTimeout(300);
  assert.notEqual((await canvasLook(phone)).print, before.print, 'walking forward changes the view');

  // Step to the first and second exhibits; the list marks the one in view.
  await phone.getByTestId('hall-next').click();
  await phone.getByTestId('hall-next').click();
  const current = phone.locator('[data-testid="hall-exhibit"][aria-current="true"]');
  await current.waitFor();
  assert.match(await current.innerText(), /红船精神/);
  await phone.waitForTimeout(900);
  await ctx.shot(phone, '03-hall-exhibit-phone', { fullPage: false });
  assert.ok((await phone.getByTestId('hall-exhibit').count()) >= 11, 'the timeline lists every exhibit');
  await phone.getByTestId('hall-timeline').scrollIntoViewIfNeeded();
  await ctx.shot(phone, '04-timeline-phone');

  // ---- the publicity member on a desktop: keyboard, then a room picked from the list
  const desk = await ctx.newDesktopPage();
  await signInDemo(desk, 'xuanchuan');
  await openNav(desk, 'exhibition');
  await ctx.shot(desk, '05-halls-desktop');
  await openHall(desk);
  await ctx.shot(desk, '06-hall-desktop', { fullPage: false });
  const still = await canvasLook(desk);
  await desk.getByTestId('hall-canvas').focus();
  await desk.keyboard.down('KeyA');
  await desk.waitForTimeout(700);
  await desk.keyboard.up('KeyA');
  await desk.keyboard.down('KeyW');
  await desk.waitForTimeout(1000);
  await desk.keyboard.up('KeyW');
  await desk.waitForTimeout(300);
  assert.notEqual((await canvasLook(desk)).print, still.print, 'the keyboard turns and walks');
  const reform = desk.getByTestId('hall-exhibit').filter({ hasText: '春天的故事' });
  await reform.getByTestId('hall-exhibit-show').click();
  await desk.getByTestId('hall-room').filter({ hasText: '第 2 展厅' }).waitFor();
  await desk.waitForTimeout(900);
  await ctx.shot(desk, '07-hall-room2-desktop', { fullPage: false });

  // ---- curating: a new hall, a room, a picture from the library, published
  await desk.getByTestId('hall-edit').click();
  await desk.getByTestId('hall-editor').waitFor();
  assert.ok((await desk.getByTestId('editor-exhibit').count()) >= 11);
  await ctx.shot(desk, '08-editor-desktop');
  await desk.goto('/exhibition/new');
  await desk.getByTestId('hall-title').fill('红色记忆微展厅');
  await chooseOption(desk, 'hall-unit');
  await desk.getByTestId('hall-save').click();
  await desk.getByTestId('hall-editor').waitFor();
  await desk.getByTestId('room-add').click();
  await desk.getByTestId('room-title').fill('建党初心');
  await desk.getByTestId('room-save').click();
  await desk.getByTestId('room-card').waitFor();
  await desk.getByTestId('exhibit-add').click();
  await desk.getByTestId('exhibit-resource').click();
  await desk.keyboard.type('南湖');
  await desk.locator('.ant-select-item-option', { hasText: '南湖红船' }).first().click();
  assert.match(await desk.getByTestId('exhibit-title').inputValue(), /南湖红船/);
  await desk.getByTestId('exhibit-year').fill('1921');
  await desk.getByTestId('exhibit-month').fill('7');
  await desk.getByTestId('exhibit-text').fill('一条红船承载着党的初心。');
  await desk.getByTestId('exhibit-save').click();
  await desk.getByTestId('editor-exhibit').waitFor();
  assert.match(await desk.getByTestId('exhibit-reach').innerText(), /全部参观者可见/);
  await desk.getByTestId('hall-publish').click();
  await desk.getByTestId('hall-status').filter({ hasText: '已发布' }).waitFor();
  await ctx.shot(desk, '09-new-hall-editor-desktop');

  // The same editor on a phone.
  const curatorPhone = await ctx.newPhonePage();
  await signInDemo(curatorPhone, 'xuanchuan');
  await openNav(curatorPhone, 'exhibition');
  await curatorPhone.getByTestId('hall-card').filter({ hasText: '红色记忆微展厅' }).getByTestId('hall-card-edit').click();
  await curatorPhone.getByTestId('hall-editor').waitFor();
  await ctx.shot(curatorPhone, '10-editor-phone');

  // ---- without WebGL the list is the hall
  const plain = await ctx.newPhonePage();
  await plain.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      if (kind.startsWith('webgl')) return null;
      return (original as (...a: unknown[]) => RenderingContext | null).call(this, kind, ...rest);
    } as typeof original;
  });
  await signInDemo(plain, 'gonghui');
  await openNav(plain, 'exhibition');
  await plain.getByTestId('hall-card').filter({ hasText: HALL }).getByTestId('hall-open').click();
  await plain.getByTestId('hall-no-webgl').waitFor();
  assert.equal(await plain.getByTestId('hall-3d').count(), 0);
  assert.ok((await plain.getByTestId('hall-exhibit').count()) >= 11);
  await ctx.shot(plain, '11-no-webgl-phone');
}
