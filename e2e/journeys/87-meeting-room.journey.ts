// The live meeting room (issue 5): the branch secretary holds a 支部党员大会 online on a desktop, a member joins on a
// phone. The member signs in by the rotating QR code on the host's big screen, the host by the button; the host
// records the others present until the quorum is met (RULES.md §5), opens a secret ballot, both vote, and the tally
// appears on both screens when the host closes the vote. The planning screens are the meetings module's: the meeting
// is planned here through its API.
import assert from 'node:assert/strict';
import type { JourneyContext } from '../harness.js';
import { ensureChinese, signInDemo } from '../steps/signin.js';

export const name = 'live meeting room: two browsers, QR and button sign-in, secret ballot, tally on both';

export async function run(ctx: JourneyContext): Promise<void> {
  const host = await ctx.newDesktopPage();
  await signInDemo(host, 'zhibu');
  await ensureChinese(host);
  const member = await ctx.newPhonePage();
  await signInDemo(member, 'dangyuan');
  await ensureChinese(member);

  // Plan the meeting in zhibu's branch, starting now.
  const meetingId = await host.evaluate(async () => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const units = (await (await fetch('/api/meetings/units')).json()) as { items: { id: string; kinds: string[] }[] };
    const unit = units.items.find((u) => u.kinds.includes('branch_assembly'));
    if (!unit) throw new Error('no branch to hold a 支部党员大会 in');
    const start = new Date(Date.now() + 5 * 60_000);
    const res = await fetch('/api/meetings', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({
        orgUnitId: unit.id, kind: 'branch_assembly', title: '支部党员大会（线上）', online: true, place: '云支部',
        plannedStartAt: start.toISOString(), plannedEndAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        agenda: [{ title: '传达学习上级会议精神', presenter: '支部书记' }, { title: '讨论并表决支部工作计划', presenter: '支部书记' }],
      }),
    });
    const body = (await res.json()) as { id?: string; message?: string };
    if (!res.ok || !body.id) throw new Error(`planning failed: ${res.status} ${body.message ?? ''}`);
    return body.id;
  });

  await host.goto(`/meetings/${meetingId}/room`);
  await host.getByTestId('room-conn').and(host.locator('[data-state="live"]')).first().waitFor();
  await host.getByTestId('room-start').click();
  await host.getByTestId('room-status').and(host.locator('[data-status="in_progress"]')).waitFor();
  await ctx.shot(host, '01-host-started-desktop');

  // The big screen shows the rotating code; the member's phone opens what it encodes.
  await host.getByTestId('room-qr-open').click();
  const qr = host.getByTestId('room-qr');
  await qr.waitFor();
  const url = await qr.getAttribute('data-url');
  assert.ok(url && url.includes(`/meetings/${meetingId}/checkin?t=`), 'the code links to the check-in page with a token');
  await ctx.shot(host, '02-qr-big-screen');
  await member.goto(new URL(url).pathname + new URL(url).search);
  await member.getByTestId('room-checkin-ok').waitFor();
  await ctx.shot(member, '03-checkin-phone');
  await member.getByTestId('room-checkin-enter').click();
  await member.getByTestId('room-signin-done').waitFor();
  assert.match(await member.getByTestId('room-signin-done').innerText(), /扫码/);
  // The host's screen counts the member in without a reload.
  await host.getByTestId('room-qr-count').filter({ hasText: /已签到 1 \// }).waitFor();
  await host.keyboard.press('Escape');

  await host.getByTestId('room-signin').click();
  await host.getByTestId('room-signin-done').waitFor();
  // Those in the room without a phone: the host records them present until more than half are there.
  for (let i = 0; i < 200; i++) {
    if ((await host.getByTestId('room-quorum').getAttribute('data-met')) === 'yes') break;
    const before = await host.getByTestId('room-mark-present').count();
    await host.getByTestId('room-mark-present').first().click();
    await host.waitForFunction((n) => document.querySelectorAll('[data-testid="room-mark-present"]').length < n, before);
  }
  assert.equal(await host.getByTestId('room-quorum').getAttribute('data-met'), 'yes', 'quorum reached');

  // Discussion reaches the other screen.
  await member.getByTestId('room-message-input').fill('同意支部工作计划。');
  await member.getByTestId('room-message-send').click();
  await host.getByTestId('room-message').filter({ hasText: '同意支部工作计划。' }).waitFor();
  await host.getByTestId('room-agenda-next').click();
  await member.getByTestId('room-agenda-item').and(member.locator('[data-current="yes"]')).filter({ hasText: '传达学习' }).waitFor();

  // A secret ballot: both vote; the turnout shows, the result does not, until the host closes it.
  await host.getByTestId('vote-title').fill('关于支部2027年工作计划的决议');
  await host.getByTestId('vote-open-submit').click();
  await member.getByTestId('vote-card').and(member.locator('[data-state="open"]')).waitFor();
  await member.getByTestId('vote-choice-yes').click();
  await member.getByTestId('vote-confirm').click();
  await member.getByTestId('vote-cast-done').waitFor();
  await host.getByTestId('vote-choice-yes').click();
  await host.getByTestId('vote-confirm').click();
  await host.getByTestId('vote-cast-done').waitFor();
  await member.getByTestId('vote-turnout').and(member.locator('[data-cast="2"]')).waitFor();
  assert.equal(await member.getByTestId('vote-tally').count(), 0, 'no result while the vote is open');
  await ctx.shot(member, '04-vote-open-phone');
  await ctx.shot(host, '05-vote-open-desktop');

  await host.getByTestId('vote-close').click();
  await host.getByTestId('vote-close-confirm').click();
  for (const page of [host, member]) {
    const tally = page.getByTestId('vote-tally');
    await tally.waitFor();
    assert.match(await page.getByTestId('vote-tally-counts').innerText(), /赞成 2 票/);
  }
  await ctx.shot(member, '06-tally-phone');
  await ctx.shot(host, '07-tally-desktop');

  // The member's phone drops off and comes back: it resumes from the last event (reconnect indicator, then live).
  await member.context().setOffline(true);
  await host.getByTestId('room-message-input').fill('请大家会后提交学习心得。');
  await host.getByTestId('room-message-send').click();
  await member.context().setOffline(false);
  await member.evaluate(() => window.dispatchEvent(new Event('online')));
  await member.getByTestId('room-message').filter({ hasText: '请大家会后提交学习心得。' }).waitFor({ timeout: 30_000 });
  await member.getByTestId('room-conn').first().and(member.locator('[data-state="live"]')).waitFor({ timeout: 30_000 });
  await ctx.shot(member, '08-after-reconnect-phone');
  await host.close();
  await member.close();
}
