import type { Dictionary } from './zh-CN';
import { enCore } from './en-US.core';
import { enAdmin } from './en-US.admin';
import { enMembers } from './en-US.members';
import { enDevelopment } from './en-US.development';
import { enTransfers } from './en-US.transfers';
import { enImports } from './en-US.imports';
import { enStats } from './en-US.stats';
import { enOrgManage } from './en-US.orgx';
import { enRules } from './en-US.rules';
// dues (issue 4)
import { enDues } from './en-US.dues';
// dues online payments and reconciliation (issue 4)
import { enDuesPay } from './en-US.duespay';
// meetings, notifications, evaluation (issue 5)
import { enMeetings } from './en-US.meetings';
// the live meeting room (issue 5)
import { enRoom } from './en-US.room';
// 学习教育: library and assistant
import { enLibrary } from './en-US.library';
// 学习教育: courses and exams
import { enCourses } from './en-US.courses';
import { enExams } from './en-US.exams';
// 学习教育: VR 党史展馆
import { enExhibition } from './en-US.exhibition';

export const enUS: Dictionary = { ...enCore, ...enAdmin, ...enMembers, ...enDevelopment, ...enTransfers, ...enImports, ...enStats, ...enOrgManage, ...enRules, ...enDues, ...enDuesPay, ...enRoom, ...enMeetings, ...enLibrary, ...enCourses, ...enExams, ...enExhibition };
