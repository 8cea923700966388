/**
 * The minutes of a meeting as a 公文-style document (会议记录; RULES.md §6 layout through platform/office): the facts
 * of the meeting from its record (time, place, host, recorder, attendance with names on leave and absent), the agenda,
 * the minutes text (lines "一、…" and "（一）…" become headings), the resolutions and the sign-off. Pure.
 */
import { chineseOrdinal, type DocBlock, type OfficialDocument } from '../../platform/office/official.js';
import type { MeetingInScope } from './api.js';
import { countsOf, type MaterialView, type ResolutionView } from './present.js';
import { chinaTimeText, KIND_NAMES } from './rules.js';

const H1 = /^[一二三四五六七八九十]+、/;

/**
 * The minutes text as blocks under the document's own 一、 heading: the text's "一、…" lines become second-level
 * headings, its "（一）…" lines and the rest paragraphs; blank lines are dropped.
 */
export function minutesBlocks(text: string): DocBlock[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line): DocBlock => (
    H1.test(line) ? { kind: 'heading2', text: line } : { kind: 'paragraph', text: line }
  ));
}

export function minutesDocument(m: MeetingInScope, resolutions: readonly ResolutionView[], materials: readonly MaterialView[]): OfficialDocument {
  const r = m.meeting;
  const signed = r.minutesSignedAt !== null;
  const c = countsOf(m.attendees);
  const start = r.heldStartAt ?? r.plannedStartAt;
  const end = r.heldEndAt ?? r.plannedEndAt;
  const onLeave = m.attendees.filter((a) => a.attendance === 'leave');
  const absent = m.attendees.filter((a) => a.attendance === 'absent');
  const fields: DocBlock[] = [
    { kind: 'field', label: '时间', text: `${chinaTimeText(start)}—${chinaTimeText(end).split(' ')[1]}` },
    { kind: 'field', label: '地点', text: r.online ? `线上（云支部）${r.place ? `，${r.place}` : ''}` : r.place },
    { kind: 'field', label: '会议类型', text: KIND_NAMES[r.kind].zh },
    { kind: 'field', label: '主持人', text: r.hostName ?? '' },
    { kind: 'field', label: '记录人', text: r.recorderName ?? '' },
    ...(r.lecturer ? [{ kind: 'field' as const, label: '授课人', text: r.lecturer }] : []),
    {
      kind: 'field', label: '出席情况',
      text: `应到${c.expected}人（有表决权${c.voting}人），实到${c.present}人，请假${c.leave}人，缺席${c.absent}人${c.pending ? `，未登记${c.pending}人` : ''}`,
    },
    ...(onLeave.length ? [{ kind: 'field' as const, label: '请假人员', text: onLeave.map((a) => (a.leaveReason ? `${a.name}（${a.leaveReason}）` : a.name)).join('、') }] : []),
    ...(absent.length ? [{ kind: 'field' as const, label: '缺席人员', text: absent.map((a) => a.name).join('、') }] : []),
  ];
  const sections: { title: string; blocks: DocBlock[] }[] = [];
  if (m.agenda.length) sections.push({ title: '会议议程', blocks: m.agenda.map((a, i) => ({ kind: 'paragraph', text: `${i + 1}. ${a.title}${a.presenter ? `（${a.presenter}）` : ''}` })) });
  sections.push({ title: '会议内容', blocks: r.minutes.trim() ? minutesBlocks(r.minutes) : [{ kind: 'paragraph', text: '（尚未填写）' }] });
  if (resolutions.length) sections.push({ title: '决议事项', blocks: resolutions.map((x, i) => ({ kind: 'paragraph', text: `${i + 1}. ${x.text}` })) });
  if (materials.length) sections.push({ title: '会议材料', blocks: materials.map((x, i) => ({ kind: 'paragraph', text: `${i + 1}. ${x.title}` })) });
  const body = sections.flatMap((s, i) => [{ kind: 'heading1' as const, text: `${chineseOrdinal(i + 1)}、${s.title}` }, ...s.blocks]);
  const signature: DocBlock = signed
    ? { kind: 'signature', lines: [`主持人签发：${r.minutesSignedName ?? ''}`, chinaTimeText(r.minutesSignedAt as Date).split(' ')[0] as string] }
    : { kind: 'signature', lines: ['（草稿，尚未经主持人签发）'] };
  return { title: `${r.orgUnitName}${r.title}记录${signed ? '' : '（草稿）'}`, blocks: [...fields, ...body, signature] };
}
