/** HTTP of courses (管理、进度、学时统计、学习设置) and of the learner's side (我的学习、播放、心跳、积分). */
import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { IdParams, Nullable, Obj, PageQuery, Paged, Str, Uuid } from '../../platform/http/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { txContext } from '../../platform/http/app.js';
import { peopleInScope, unitsInScope } from '../exams/pickers.js';
import { archiveCourse, assignCourse, createCourse, getCourse, listCourses, publishCourse, updateCourse, withdrawAssignment } from './manage.js';
import { myCourse, myCourses, myLesson } from './learning.js';
import { heartbeat } from './study.js';
import { courseProgress, coursesInView, progressUnits } from './progress.js';
import { studyStats } from './stats.js';
import { getLearningSettings, updateLearningSettings } from './settings.js';
import { branchRanking, myPoints } from './points.js';
import { pickableResources } from './resources.js';
import { LEARNING_SETTING_BOUNDS as B } from './rules.js';

const tags = ['courses'];
const learnTags = ['learning'];
const CourseState = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')]);
const LessonKind = Type.Union([Type.Literal('article'), Type.Literal('pdf'), Type.Literal('video'), Type.Literal('audio'), Type.Literal('image')]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Msg = Type.Object({ zh: Type.String(), en: Type.String() });
const DueStateT = Type.Union([Type.Literal('done'), Type.Literal('overdue'), Type.Literal('due_soon'), Type.Literal('open')]);

const CourseBody = Obj({
  title: Str(1, 100),
  description: Type.Optional(Str(0, 2000)),
  orgUnitId: Uuid,
  openToAll: Type.Boolean(),
  lessons: Type.Array(Obj({ id: Type.Optional(Uuid), title: Str(1, 100), resourceId: Uuid, durationMinutes: Type.Integer({ minimum: 1, maximum: 600 }) }), { minItems: 1, maxItems: 100 }),
});
const CourseItem = Type.Object({
  id: Type.String(), title: Type.String(), unitName: Type.String(), state: CourseState, openToAll: Type.Boolean(), lessons: Type.Integer(), minutes: Type.Integer(),
  assigned: Type.Boolean(), nextDueOn: Nullable(Type.String()), updatedAt: Type.String(),
});
const CourseDetail = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.String(), orgUnitId: Type.String(), unitName: Type.String(), state: CourseState, openToAll: Type.Boolean(),
  publishedAt: Nullable(Type.String()), audience: Type.Integer(),
  lessons: Type.Array(Type.Object({
    id: Type.String(), position: Type.Integer(), title: Type.String(), resourceId: Type.String(), kind: LessonKind, kindName: Msg, durationMinutes: Type.Integer(),
    resourceTitle: Nullable(Type.String()), resourcePublished: Type.Boolean(),
  })),
  assignments: Type.Array(Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('unit'), Type.Literal('person')]), name: Type.String(), dueOn: Type.String(), assignedAt: Type.String(), canWithdraw: Type.Boolean() })),
  abilities: Type.Object({ edit: Type.Boolean(), publish: Type.Boolean(), archive: Type.Boolean(), assign: Type.Boolean() }),
});
const Summary = {
  lessons: Type.Integer(), completedLessons: Type.Integer(), completed: Type.Boolean(), percent: Type.Integer(), studiedMinutes: Type.Integer(), expectedMinutes: Type.Integer(),
  lastStudiedAt: Nullable(Type.String()), nextLessonId: Nullable(Type.String()),
};
const MyCourseItem = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.String(), unitName: Type.String(), assigned: Type.Boolean(), dueOn: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()), dueState: DueStateT, ...Summary,
});
const LessonView = {
  id: Type.String(), position: Type.Integer(), title: Type.String(), resourceId: Type.String(), kind: LessonKind, durationSeconds: Type.Integer(), studiedSeconds: Type.Integer(),
  furthestPosition: Type.Integer(), completed: Type.Boolean(), completedAt: Nullable(Type.String()), percent: Type.Integer(), capSeconds: Type.Integer(),
};
const Group = Type.Object({ key: Type.String(), label: Msg, people: Type.Integer(), learners: Type.Integer(), hours: Type.Number() });
const Grouped = Type.Object({ rows: Type.Array(Group), suppressed: Type.Integer() });
const Unit = Type.Object({ id: Type.String(), name: Type.String(), depth: Type.Integer(), kind: Type.String() });
const PointRule = Obj({ points: Type.Integer(B.points), dailyCap: Type.Integer(B.dailyCap) });
const Settings = Obj({ points: Obj({ lesson_completed: PointRule, course_completed: PointRule, exam_passed: PointRule }), rankingsEnabled: Type.Boolean(), reminderDays: Type.Integer(B.reminderDays) });
const Bound = Type.Object({ minimum: Type.Integer(), maximum: Type.Integer() });
const SettingsReply = Type.Object({ settings: Settings, defaults: Settings, bounds: Type.Object({ points: Bound, dailyCap: Bound, reminderDays: Bound }), canEdit: Type.Boolean() });

export async function courseRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  // ---------------------------------------------------------------- management
  app.get('/api/courses', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '课程列表（管理范围内）', querystring: Obj({ ...PageQuery, state: Type.Optional(CourseState) }), response: { 200: Paged(CourseItem) } },
  }, async (req) => ({ ...(await listCourses(db, actorOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }));

  app.post('/api/courses', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '新建课程（草稿）：按顺序的课时，每节课是资源库中已发布的资源并有预计学习时长', body: CourseBody, response: { 200: CourseDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    return getCourse(db, actor, await createCourse(db, actor, req.body));
  });

  app.get('/api/courses/resources', {
    config: { permission: 'courses.manage' },
    schema: {
      tags, summary: '可作为课时的学习资源（已发布、本人可见）', querystring: Obj({ q: Type.Optional(Str(0, 50)) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), kind: LessonKind, title: Type.String(), wholeEnterprise: Type.Boolean(), shared: Type.Boolean() })) }) },
    },
  }, async (req) => ({ items: await withTenant(db, txContext(actorOf(req)), (tx) => pickableResources(tx, actorOf(req), req.query.q)) }));

  app.get('/api/courses/units', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '可指派的组织（管理范围内）', response: { 200: Type.Object({ items: Type.Array(Unit) }) } },
  }, async (req) => ({ items: await unitsInScope(db, actorOf(req), 'courses.manage') }));

  app.get('/api/courses/people', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '可指派的人员（管理范围内，按姓名、拼音或首字母）', querystring: Obj({ q: Type.Optional(Str(0, 50)) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), unitName: Type.String() })) }) } },
  }, async (req) => ({ items: await peopleInScope(db, actorOf(req), 'courses.manage', req.query.q) }));

  app.get('/api/courses/:id', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '课程详情（课时、指派）', params: IdParams, response: { 200: CourseDetail } },
  }, async (req) => getCourse(db, actorOf(req), req.params.id));

  app.put('/api/courses/:id', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '修改课程和课时（保留的课时保留学员的进度）', params: IdParams, body: CourseBody, response: { 200: CourseDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateCourse(db, actor, req.params.id, req.body);
    return getCourse(db, actor, req.params.id);
  });

  app.post('/api/courses/:id/publish', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '发布课程', params: IdParams, response: { 200: CourseDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await publishCourse(db, actor, req.params.id);
    return getCourse(db, actor, req.params.id);
  });

  app.post('/api/courses/:id/archive', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '归档课程（学员不再看到；学习记录保留）', params: IdParams, response: { 200: CourseDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await archiveCourse(db, actor, req.params.id);
    return getCourse(db, actor, req.params.id);
  });

  app.post('/api/courses/:id/assignments', {
    config: { permission: 'courses.manage' },
    schema: {
      tags, summary: '指派学习：组织（含下级）或人员，以及完成期限', params: IdParams,
      body: Obj({ unitIds: Type.Array(Uuid, { maxItems: 200 }), personIds: Type.Array(Uuid, { maxItems: 2000 }), dueOn: DateStr }),
      response: { 200: CourseDetail },
    },
  }, async (req) => {
    const actor = actorOf(req);
    await assignCourse(db, actor, req.params.id, req.body);
    return getCourse(db, actor, req.params.id);
  });

  app.delete('/api/courses/:id/assignments/:assignmentId', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '撤回一条学习指派（已有的学习记录保留）', params: Obj({ id: Uuid, assignmentId: Uuid }), response: { 200: CourseDetail } },
  }, async (req) => {
    const actor = actorOf(req);
    await withdrawAssignment(db, actor, req.params.id, req.params.assignmentId);
    return getCourse(db, actor, req.params.id);
  });

  // ---------------------------------------------------------------- progress and statistics
  app.get('/api/learning-progress/units', {
    config: { permission: 'learning.progress' },
    schema: { tags, summary: '可查看学习进度和学时统计的组织', response: { 200: Type.Object({ items: Type.Array(Unit) }) } },
  }, async (req) => ({ items: await progressUnits(db, actorOf(req)) }));

  app.get('/api/learning-progress/courses', {
    config: { permission: 'learning.progress' },
    schema: {
      tags, summary: '指派给该组织（含下级）人员的课程', querystring: Obj({ unitId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String() }), items: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), state: Type.String(), dueOn: Type.String() })) }) },
    },
  }, async (req) => coursesInView(db, actorOf(req), req.query));

  app.get('/api/learning-progress/courses/:id', {
    config: { permission: 'learning.progress' },
    schema: {
      tags, summary: '课程学习进度（按组织汇总；姓名仅对可查看这些人员的角色列出）', params: IdParams, querystring: Obj({ unitId: Type.Optional(Uuid) }),
      response: {
        200: Type.Object({
          course: Type.Object({ id: Type.String(), title: Type.String(), state: Type.String(), lessons: Type.Integer() }),
          unit: Type.Object({ id: Type.String(), name: Type.String() }),
          assigned: Type.Integer(), done: Type.Integer(), inProgress: Type.Integer(), notStarted: Type.Integer(), overdue: Type.Integer(), completionRate: Type.Number(), hours: Type.Number(),
          byUnit: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), people: Type.Integer(), done: Type.Integer(), overdue: Type.Integer(), hours: Type.Number() })),
          suppressed: Type.Integer(),
          people: Nullable(Type.Array(Type.Object({
            personId: Type.String(), name: Type.String(), unitName: Type.String(), dueOn: Type.String(), lessonsDone: Type.Integer(), lessons: Type.Integer(), studiedMinutes: Type.Integer(),
            lastStudiedAt: Nullable(Type.String()), state: Type.Union([DueStateT, Type.Literal('not_started')]),
          }))),
        }),
      },
    },
  }, async (req) => courseProgress(db, actorOf(req), req.params.id, req.query));

  app.get('/api/learning-progress/hours', {
    config: { permission: 'learning.progress' },
    schema: {
      tags, summary: '学时统计（由服务器记录的学习会话汇总；任何按人员属性的分组不足 5 人不单独显示）',
      querystring: Obj({ unitId: Type.Optional(Uuid), from: DateStr, to: DateStr }),
      response: {
        200: Type.Object({
          unit: Type.Object({ id: Type.String(), name: Type.String() }), from: Type.String(), to: Type.String(), minGroup: Type.Integer(),
          people: Type.Integer(), learners: Type.Integer(), hours: Type.Number(), hoursPerLearner: Type.Number(), tooSmall: Type.Boolean(),
          byMonth: Type.Array(Type.Object({ month: Type.String(), hours: Type.Number(), learners: Type.Integer() })),
          byCourse: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), hours: Type.Number(), learners: Type.Integer() })),
          byUnit: Grouped, byStatus: Grouped, byGender: Grouped, byAge: Grouped,
        }),
      },
    },
  }, async (req) => studyStats(db, actorOf(req), req.query));

  // ---------------------------------------------------------------- settings
  app.get('/api/learning/settings', {
    config: { permission: 'authenticated' },
    schema: { tags: learnTags, summary: '学习设置（积分规则和每日上限、积分排名开关、到期提醒天数）', response: { 200: SettingsReply } },
  }, async (req) => getLearningSettings(db, actorOf(req)));

  app.put('/api/learning/settings', {
    config: { permission: 'courses.manage' },
    schema: { tags, summary: '修改学习设置（管理全企业课程的人员）', body: Settings, response: { 200: SettingsReply } },
  }, async (req) => updateLearningSettings(db, actorOf(req), req.body));

  // ---------------------------------------------------------------- the learner
  app.get('/api/learning/courses', {
    config: { permission: 'authenticated' },
    schema: {
      tags: learnTags, summary: '我的课程（指派给我的和全员可学的，含进度和期限提醒）',
      response: { 200: Type.Object({ items: Type.Array(MyCourseItem), reminders: Type.Object({ overdue: Type.Integer(), dueSoon: Type.Integer(), reminderDays: Type.Integer() }) }) },
    },
  }, async (req) => myCourses(db, actorOf(req)));

  app.get('/api/learning/courses/:id', {
    config: { permission: 'authenticated' },
    schema: { tags: learnTags, summary: '我的一门课程（各课时的进度）', params: IdParams, response: { 200: Type.Intersect([MyCourseItem, Type.Object({ items: Type.Array(Type.Object(LessonView)) })]) } },
  }, async (req) => myCourse(db, actorOf(req), req.params.id));

  app.get('/api/learning/lessons/:id', {
    config: { permission: 'authenticated' },
    schema: {
      tags: learnTags, summary: '学习一节课（资源和我的进度；内容从资源库读取）', params: IdParams,
      response: { 200: Type.Object({ ...LessonView, courseId: Type.String(), courseTitle: Type.String(), lessonCount: Type.Integer(), previousId: Nullable(Type.String()), nextId: Nullable(Type.String()) }) },
    },
  }, async (req) => myLesson(db, actorOf(req), req.params.id));

  app.post('/api/learning/heartbeat', {
    config: { permission: 'authenticated' },
    schema: {
      tags: learnTags, summary: '学习心跳（页面可见时约每 15 秒一次；服务器据此计时，不接受客户端的时长）',
      body: Obj({ lessonId: Uuid, clientKey: Uuid, seq: Type.Integer({ minimum: 0, maximum: 1_000_000 }), position: Type.Optional(Type.Number({ minimum: 0, maximum: 360_000 })), final: Type.Optional(Type.Boolean()) }),
      response: {
        200: Type.Object({
          counting: Type.Boolean(), reason: Type.String(), countedSeconds: Type.Integer(),
          lesson: Type.Object({ studiedSeconds: Type.Integer(), durationSeconds: Type.Integer(), furthestPosition: Type.Integer(), completed: Type.Boolean(), percent: Type.Integer() }),
          course: Type.Object({ completedLessons: Type.Integer(), lessons: Type.Integer(), completed: Type.Boolean() }),
        }),
      },
    },
  }, async (req) => heartbeat(db, actorOf(req), req.body));

  app.get('/api/learning/points', {
    config: { permission: 'authenticated' },
    schema: {
      tags: learnTags, summary: '我的学习积分',
      response: {
        200: Type.Object({
          total: Type.Integer(), thisYear: Type.Integer(), rankingsEnabled: Type.Boolean(),
          rules: Type.Array(Type.Object({ rule: Type.String(), name: Msg, points: Type.Integer(), dailyCap: Type.Integer() })),
          recent: Type.Array(Type.Object({ rule: Type.String(), points: Type.Integer(), on: Type.String(), sourceId: Type.String() })),
        }),
      },
    },
  }, async (req) => myPoints(db, actorOf(req)));

  app.get('/api/learning/ranking', {
    config: { permission: 'authenticated' },
    schema: {
      tags: learnTags, summary: '本支部积分排名（仅在企业开启排名时；只在本支部内）',
      response: { 200: Type.Object({ branch: Nullable(Type.Object({ id: Type.String(), name: Type.String() })), items: Type.Array(Type.Object({ rank: Type.Integer(), name: Type.String(), points: Type.Integer(), me: Type.Boolean() })) }) },
    },
  }, async (req) => branchRanking(db, actorOf(req)));

}
