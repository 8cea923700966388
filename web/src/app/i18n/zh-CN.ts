import { zhCore } from './zh-CN.core';
import { zhAdmin } from './zh-CN.admin';
import { zhMembers } from './zh-CN.members';
import { zhDevelopment } from './zh-CN.development';
import { zhTransfers } from './zh-CN.transfers';
import { zhImports } from './zh-CN.imports';
import { zhStats } from './zh-CN.stats';
import { zhOrgManage } from './zh-CN.orgx';
import { zhRules } from './zh-CN.rules';
// dues (issue 4)
import { zhDues } from './zh-CN.dues';
// dues online payments and reconciliation (issue 4)
import { zhDuesPay } from './zh-CN.duespay';
// meetings, notifications, evaluation (issue 5)
import { zhMeetings } from './zh-CN.meetings';
// the live meeting room (issue 5)
import { zhRoom } from './zh-CN.room';
// 学习教育: library and assistant
import { zhLibrary } from './zh-CN.library';
// 学习教育: courses and exams
import { zhCourses } from './zh-CN.courses';
import { zhExams } from './zh-CN.exams';
// 学习教育: VR 党史展馆
import { zhExhibition } from './zh-CN.exhibition';

/** The reference dictionary: every other locale must have exactly these keys. */
export const zhCN = { ...zhCore, ...zhAdmin, ...zhMembers, ...zhDevelopment, ...zhTransfers, ...zhImports, ...zhStats, ...zhOrgManage, ...zhRules, ...zhDues, ...zhDuesPay, ...zhRoom, ...zhMeetings, ...zhLibrary, ...zhCourses, ...zhExams, ...zhExhibition } as const;

export type MessageKey = keyof typeof zhCN;
export type Dictionary = Record<MessageKey, string>;
