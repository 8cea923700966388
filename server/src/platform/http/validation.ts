import type { FastifySchemaValidationError } from 'fastify';
import type { Msg } from './errors.js';

/** Readable names for field keys; a field without an entry is named by its key. */
const FIELD_LABELS: Record<string, Msg> = {
  tenant: { zh: '企业代码', en: 'enterprise code' },
  username: { zh: '账号', en: 'username' },
  password: { zh: '密码', en: 'password' },
  currentPassword: { zh: '当前密码', en: 'current password' },
  newPassword: { zh: '新密码', en: 'new password' },
  code: { zh: '验证码', en: 'code' },
  recoveryCode: { zh: '恢复码', en: 'recovery code' },
  displayName: { zh: '姓名', en: 'name' },
  name: { zh: '名称', en: 'name' },
  kind: { zh: '类型', en: 'type' },
  parentId: { zh: '上级组织', en: 'parent unit' },
  orgUnitId: { zh: '组织', en: 'org unit' },
  role: { zh: '角色', en: 'role' },
  page: { zh: '页码', en: 'page' },
  pageSize: { zh: '每页条数', en: 'page size' },
  q: { zh: '搜索词', en: 'search text' },
  id: { zh: '编号', en: 'id' },
  locale: { zh: '语言', en: 'language' },
  largeText: { zh: '大字模式', en: 'large text' },
  status: { zh: '状态', en: 'status' },
  from: { zh: '开始时间', en: 'start time' },
  to: { zh: '结束时间', en: 'end time' },
  adminUsername: { zh: '管理员账号', en: 'administrator username' },
  adminDisplayName: { zh: '管理员姓名', en: 'administrator name' },
  passwordMinLength: { zh: '密码最小长度', en: 'minimum password length' },
  lockoutThreshold: { zh: '锁定前允许的失败次数', en: 'failed attempts before lockout' },
  lockoutMinutes: { zh: '锁定分钟数', en: 'lockout minutes' },
  idleMinutes: { zh: '空闲自动退出分钟数', en: 'idle logout minutes' },
  adminPasswordMaxAgeDays: { zh: '管理员密码有效天数', en: 'administrator password age (days)' },
  totpRequiredForAdmins: { zh: '管理员必须使用动态口令', en: 'authenticator required for administrators' },
  watermark: { zh: '水印', en: 'watermark' },
  fieldAlgorithm: { zh: '字段加密算法', en: 'field encryption algorithm' },
  auditRetentionDays: { zh: '审计日志保存天数', en: 'audit retention days' },
  subtree: { zh: '包含下级组织', en: 'include sub-units' },
  actor: { zh: '操作人', en: 'actor' },
  action: { zh: '操作', en: 'action' },
  result: { zh: '结果', en: 'result' },
  grantId: { zh: '授权编号', en: 'grant id' },
  // 发展党员 steps and quotas
  on: { zh: '日期', en: 'date' },
  people: { zh: '人员', en: 'people' },
  documents: { zh: '材料', en: 'documents' },
  title: { zh: '材料名称', en: 'document title' },
  number: { zh: '文号', en: 'document number' },
  training: { zh: '集中培训', en: 'training' },
  days: { zh: '天数', en: 'days' },
  hours: { zh: '学时', en: 'class hours' },
  publicity: { zh: '公示', en: 'public notice' },
  extensionMonths: { zh: '延长月数', en: 'extension months' },
  submittedOn: { zh: '报送预审日期', en: 'date sent for pre-examination' },
  exception: { zh: '例外', en: 'exception' },
  reason: { zh: '理由', en: 'reason' },
  year: { zh: '年份', en: 'year' },
  quota: { zh: '发展计划数', en: 'annual quota' },
  // 组织关系转接
  personId: { zh: '党员', en: 'member' },
  scope: { zh: '转接范围', en: 'transfer scope' },
  toUnitId: { zh: '接收的党组织', en: 'receiving unit' },
  toTenantId: { zh: '接收企业', en: 'receiving enterprise' },
  toOrgName: { zh: '接收的党组织名称', en: 'receiving organization' },
  validityDays: { zh: '介绍信有效期', en: 'letter validity' },
  duesPaidUntil: { zh: '党费交至', en: 'dues paid until' },
  box: { zh: '转出或转入', en: 'outgoing or incoming' },
  purpose: { zh: '用途', en: 'purpose' },
  // people records
  gender: { zh: '性别', en: 'gender' },
  ethnicity: { zh: '民族', en: 'ethnicity' },
  birthDate: { zh: '出生日期', en: 'birth date' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '联系电话', en: 'phone' },
  education: { zh: '学历', en: 'education' },
  jobTitle: { zh: '职务', en: 'job title' },
  employeeNo: { zh: '工号', en: 'employee number' },
  partyStatus: { zh: '政治面貌', en: 'party status' },
  appliedOn: { zh: '递交申请日期', en: 'application date' },
  activistOn: { zh: '确定积极分子日期', en: 'activist date' },
  candidateOn: { zh: '确定发展对象日期', en: 'candidate date' },
  partyJoinedOn: { zh: '入党日期', en: 'date joined' },
  fullOn: { zh: '转正日期', en: 'full membership date' },
  membership: { zh: '党籍状态', en: 'membership' },
  membershipNote: { zh: '党籍状态说明', en: 'membership note' },
  version: { zh: '版本', en: 'version' },
  unitId: { zh: '组织', en: 'org unit' },
  fileName: { zh: '文件名', en: 'file name' },
  file: { zh: '文件', en: 'file' },
  documentId: { zh: '已上传的文件', en: 'uploaded file' },
  outcome: { zh: '结果', en: 'outcome' },
  column: { zh: '列', en: 'column' },
  ageBand: { zh: '年龄段', en: 'age band' },
  archived: { zh: '已归档', en: 'archived' },
  fullId: { zh: '完整身份证号', en: 'full ID numbers' },
  decidedOn: { zh: '决定日期', en: 'decision date' },
  issuer: { zh: '决定机关', en: 'issued by' },
  note: { zh: '说明', en: 'note' },
  honourId: { zh: '奖惩记录', en: 'award or punishment' },
  // Org management and settings (RULES.md §1).
  branch: { zh: '党支部', en: 'branch' },
  general_branch: { zh: '党总支', en: 'general branch' },
  committee: { zh: '党委', en: 'party committee' },
  group_committee: { zh: '集团党委', en: 'group party committee' },
  termYears: { zh: '任期年限', en: 'term lengths' },
  branchMaxMembers: { zh: '支部党员人数上限', en: 'branch member limit' },
  branchMinFullMembers: { zh: '支部最少正式党员数', en: 'minimum full members of a branch' },
  committeeFromFullMembers: { zh: '设支委会的正式党员数', en: 'full members for a branch committee' },
  committeeFromMembers: { zh: '设党委的党员数', en: 'members for a party committee' },
  committeeMax: { zh: '支委会人数上限', en: 'branch committee maximum' },
  committeeMin: { zh: '支委会最少人数', en: 'branch committee minimum' },
  committeeUsualMax: { zh: '支委会通常人数上限', en: 'branch committee usual maximum' },
  generalBranchAboveMembers: { zh: '设党总支的党员数', en: 'members for a general branch' },
  jointBranchMaxUnits: { zh: '联合支部单位数上限', en: 'units of a joint branch' },
  renewalReminderMonths: { zh: '换届提醒提前月数', en: 'renewal reminder months' },
  termChangeMaxMonths: { zh: '延期或提前换届月数上限', en: 'term change limit in months' },
  startedOn: { zh: '选举日期', en: 'election date' },
  endsOn: { zh: '任期届满日期', en: 'term end date' },
  fromOn: { zh: '任职日期', en: 'start date' },
  toOn: { zh: '离任日期', en: 'end date' },
  duty: { zh: '分工', en: 'duty' },
  positions: { zh: '班子成员', en: 'positions' },
  positionId: { zh: '职务', en: 'position' },
  intoId: { zh: '合并到的组织', en: 'unit to merge into' },
  exceptionReason: { zh: '例外理由', en: 'exception reason' },
  // Rule settings of member development and transfers (RULES.md §2, §3).
  minApplicantAge: { zh: '申请入党最低年龄', en: 'minimum applicant age' },
  talkWithinMonths: { zh: '谈话期限（月）', en: 'talk within (months)' },
  contactsMin: { zh: '培养联系人最少人数', en: 'fewest contacts' },
  contactsMax: { zh: '培养联系人最多人数', en: 'most contacts' },
  assessmentEveryMonths: { zh: '考察间隔（月）', en: 'assessment interval (months)' },
  thoughtReportEveryMonths: { zh: '思想汇报间隔（月）', en: 'thought report interval (months)' },
  activistMinMonths: { zh: '积极分子最短培养期（月）', en: 'minimum months as activist' },
  trainingMinDays: { zh: '集中培训最少天数', en: 'minimum training days' },
  trainingMinHours: { zh: '集中培训最少学时', en: 'minimum training hours' },
  introducersRequired: { zh: '入党介绍人人数', en: 'introducers required' },
  pretrialWithinMonths: { zh: '预审期限（月）', en: 'pre-review within (months)' },
  meetingWithinMonths: { zh: '支部大会期限（月）', en: 'branch meeting within (months)' },
  approvalWithinMonths: { zh: '党委审批期限（月）', en: 'approval within (months)' },
  approvalLimitMonths: { zh: '党委审批最长期限（月）', en: 'approval limit (months)' },
  probationMonths: { zh: '预备期（月）', en: 'probation (months)' },
  extensionMinMonths: { zh: '延长预备期最短月数', en: 'shortest probation extension' },
  extensionMaxMonths: { zh: '延长预备期最长月数', en: 'longest probation extension' },
  publicityWorkingDays: { zh: '公示工作日数', en: 'public notice working days' },
  reminderLeadDays: { zh: '提醒提前天数', en: 'reminder lead days' },
  letterValidityDays: { zh: '介绍信有效期', en: 'letter validity' },
  maxValidityMonths: { zh: '介绍信最长有效期（月）', en: 'longest letter validity (months)' },
  formalTransferAwayMonths: { zh: '须正式转接的外出月数', en: 'months away requiring a transfer' },
  stubRetentionYears: { zh: '存根保存年限', en: 'stub retention (years)' },
  // Holiday calendar, transfers, exports.
  date: { zh: '日期', en: 'date' },
  rows: { zh: '行', en: 'rows' },
  state: { zh: '状态', en: 'state' },
  format: { zh: '格式', en: 'format' },
  // dues (issue 4)
  category: { zh: '类别', en: 'category' },
  baseFen: { zh: '月缴费基数', en: 'monthly base' },
  months: { zh: '交纳月份', en: 'months' },
  voluntaryFen: { zh: '自愿多交金额', en: 'voluntary amount' },
  receiptNo: { zh: '收据号', en: 'receipt number' },
  amountFen: { zh: '金额', en: 'amount' },
  fromMonth: { zh: '起始月份', en: 'first month' },
  toMonth: { zh: '结束月份', en: 'last month' },
  monthlyFen: { zh: '每月交纳金额', en: 'monthly amount' },
  month: { zh: '月份', en: 'month' },
  missing: { zh: '只看未登记基数的', en: 'only without a base' },
  mine: { zh: '只看本人的', en: 'only mine' },
  notes: { zh: '处置情况', en: 'notes' },
  close: { zh: '办结', en: 'close' },
  probationaryStart: { zh: '预备党员起交月份', en: 'when probationary members start paying' },
  farmerFen: { zh: '农民党员每月党费', en: 'farmers’ monthly dues' },
  mobileFen: { zh: '无固定收入流动党员每月党费', en: 'monthly dues of mobile members without fixed income' },
  backPaymentMonths: { zh: '补交期限（月）', en: 'back-payment limit (months)' },
  reminderMonths: { zh: '未交提醒月数', en: 'months unpaid before a reminder' },
  // dues online payments and reconciliation (issue 4)
  provider: { zh: '支付方式', en: 'payment provider' },
  channel: { zh: '付款方式', en: 'payment channel' },
  payerId: { zh: '付款人标识（openid）', en: 'payer id (openid)' },
  enabled: { zh: '启用', en: 'enabled' },
  config: { zh: '设置', en: 'settings' },
  secrets: { zh: '密钥', en: 'secrets' },
  tenantId: { zh: '企业', en: 'enterprise' },
  decision: { zh: '处理决定', en: 'decision' },
  notifyBaseUrl: { zh: '回调地址', en: 'notify base URL' },
  mchId: { zh: '商户号', en: 'merchant id' },
  appId: { zh: 'AppID', en: 'app id' },
  merchantSerialNo: { zh: '商户API证书序列号', en: 'merchant certificate serial' },
  platformSerial: { zh: '微信支付公钥ID', en: 'platform key id' },
  platformPublicKey: { zh: '微信支付公钥', en: 'platform public key' },
  apiBaseUrl: { zh: '接口地址', en: 'API base URL' },
  merchantPrivateKey: { zh: '商户API私钥', en: 'merchant private key' },
  apiV3Key: { zh: 'APIv3密钥', en: 'APIv3 key' },
  sellerId: { zh: '商户支付宝用户ID', en: 'seller id' },
  alipayPublicKey: { zh: '支付宝公钥', en: 'Alipay public key' },
  gateway: { zh: '网关地址', en: 'gateway URL' },
  appPrivateKey: { zh: '应用私钥', en: 'app private key' },
  // meetings (issue 5: 组织生活, notifications, 民主评议)
  period: { zh: '周期', en: 'period' },
  plannedStartAt: { zh: '开始时间', en: 'start time' },
  plannedEndAt: { zh: '结束时间', en: 'end time' },
  heldStartAt: { zh: '实际开始时间', en: 'time held' },
  heldEndAt: { zh: '实际结束时间', en: 'time ended' },
  place: { zh: '会议地点', en: 'place' },
  online: { zh: '线上召开', en: 'online' },
  videoLink: { zh: '视频会议链接', en: 'video conference link' },
  hostPersonId: { zh: '主持人', en: 'host' },
  recorderPersonId: { zh: '记录人', en: 'recorder' },
  lecturer: { zh: '授课人', en: 'lecturer' },
  description: { zh: '说明', en: 'description' },
  agenda: { zh: '议程', en: 'agenda' },
  presenter: { zh: '汇报人', en: 'presenter' },
  durationMinutes: { zh: '时长（分钟）', en: 'duration (minutes)' },
  notify: { zh: '同时发出通知', en: 'notify now' },
  approve: { zh: '是否批准', en: 'approve' },
  lines: { zh: '出勤登记', en: 'attendance lines' },
  attendance: { zh: '出勤', en: 'attendance' },
  leaveReason: { zh: '请假理由', en: 'reason for leave' },
  minutes: { zh: '会议记录', en: 'minutes' },
  items: { zh: '条目', en: 'items' },
  text: { zh: '内容', en: 'text' },
  voteId: { zh: '表决', en: 'vote' },
  ref: { zh: '链接或资料编号', en: 'link or library reference' },
  materialId: { zh: '材料', en: 'material' },
  when: { zh: '时间范围', en: 'time range' },
  light: { zh: '落实情况', en: 'compliance' },
  at: { zh: '时间', en: 'time' },
  ids: { zh: '消息', en: 'notifications' },
  all: { zh: '全部', en: 'all' },
  email: { zh: '电子邮箱', en: 'e-mail' },
  emailEnabled: { zh: '接收邮件通知', en: 'e-mail notifications' },
  unread: { zh: '只看未读', en: 'unread only' },
  frequency: { zh: '召开频次', en: 'frequency' },
  branch_assembly: { zh: '支部党员大会', en: 'branch general meeting' },
  group: { zh: '党小组会', en: 'party group meeting' },
  lecture: { zh: '党课', en: 'party lecture' },
  theme_day: { zh: '主题党日', en: 'theme party day' },
  life_meeting: { zh: '组织生活会', en: 'organizational life meeting' },
  evaluation: { zh: '民主评议党员', en: 'democratic evaluation' },
  themeDayOfMonth: { zh: '主题党日固定日', en: 'theme day of the month' },
  lifeMeetingQuarter: { zh: '组织生活会通常季度', en: 'usual quarter of the life meeting' },
  evaluationQuarter: { zh: '民主评议通常季度', en: 'usual quarter of the evaluation' },
  evaluationWithLifeMeeting: { zh: '民主评议结合组织生活会', en: 'evaluation joins the life meeting' },
  dueSoonDays: { zh: '临近提示天数', en: 'days of due-soon warning' },
  remindBeforeHours: { zh: '会前提醒小时数', en: 'reminder hours before' },
  ratings: { zh: '互评', en: 'ratings' },
  grade: { zh: '等次', en: 'grade' },
  committeeOpinion: { zh: '支部委员会意见', en: 'committee opinion' },
  finalGrade: { zh: '评定等次', en: 'final grade' },
  // the live meeting room and its votes (issue 5, modules/meetings/room)
  token: { zh: '凭据', en: 'token' },
  itemId: { zh: '议程', en: 'agenda item' },
  raise: { zh: '举手', en: 'hand raised' },
  speakerId: { zh: '发言人', en: 'speaker' },
  take: { zh: '编辑锁', en: 'editing lock' },
  release: { zh: '结束编辑', en: 'stop editing' },
  ballot: { zh: '表决方式', en: 'ballot' },
  agendaItemId: { zh: '议程', en: 'agenda item' },
  choice: { zh: '投票选择', en: 'choice' },
  after: { zh: '续传序号', en: 'resume point' },
  // 学习教育: question bank, exams, courses, study time, points (modules/exams, modules/courses)
  categoryId: { zh: '题目分类', en: 'question category' },
  difficulty: { zh: '难度', en: 'difficulty' },
  stem: { zh: '题干', en: 'question' },
  options: { zh: '选项', en: 'options' },
  correct: { zh: '正确答案', en: 'correct answer' },
  truth: { zh: '判断题答案', en: 'true or false' },
  blanks: { zh: '填空答案', en: 'blank answers' },
  reference: { zh: '参考答案', en: 'reference answer' },
  explanation: { zh: '答案解析', en: 'explanation' },
  change: { zh: '修改类型', en: 'kind of change' },
  sortOrder: { zh: '排序', en: 'order' },
  dryRun: { zh: '只检查不导入', en: 'check only' },
  paperMode: { zh: '组卷方式', en: 'paper mode' },
  rules: { zh: '抽题规则', en: 'drawing rules' },
  count: { zh: '题数', en: 'number of questions' },
  points: { zh: '分值', en: 'points' },
  timeLimitMinutes: { zh: '考试时长（分钟）', en: 'time limit (minutes)' },
  opensAt: { zh: '开始时间', en: 'opening time' },
  closesAt: { zh: '结束时间', en: 'closing time' },
  maxAttempts: { zh: '作答次数上限', en: 'attempt limit' },
  passScore: { zh: '及格分', en: 'pass score' },
  shuffleQuestions: { zh: '题目乱序', en: 'shuffle questions' },
  shuffleOptions: { zh: '选项乱序', en: 'shuffle options' },
  multiplePartial: { zh: '多选题少选得半分', en: 'half points for partly right multiple choice' },
  reveal: { zh: '成绩公布方式', en: 'what takers see' },
  audience: { zh: '参加范围', en: 'audience' },
  unitIds: { zh: '参加的组织', en: 'units' },
  personIds: { zh: '参加的人员', en: 'people' },
  questionId: { zh: '试题', en: 'question' },
  examId: { zh: '考试', en: 'exam' },
  position: { zh: '题号', en: 'question number' },
  score: { zh: '得分', en: 'score' },
  comment: { zh: '评语', en: 'comment' },
  rev: { zh: '保存序号', en: 'revision' },
  answers: { zh: '答案', en: 'answers' },
  lessons: { zh: '课时', en: 'lessons' },
  resourceId: { zh: '学习资源', en: 'resource' },
  openToAll: { zh: '全员可学', en: 'open to everyone' },
  dueOn: { zh: '完成期限', en: 'due date' },
  assignmentId: { zh: '学习指派', en: 'assignment' },
  lessonId: { zh: '课时', en: 'lesson' },
  clientKey: { zh: '页面标识', en: 'page key' },
  seq: { zh: '心跳序号', en: 'heartbeat number' },
  final: { zh: '结束本次学习', en: 'end of this visit' },
  rankingsEnabled: { zh: '积分排名', en: 'rankings' },
  reminderDays: { zh: '到期提醒天数', en: 'reminder days' },
  lesson_completed: { zh: '完成一节课', en: 'lesson completed' },
  course_completed: { zh: '学完一门课程', en: 'course completed' },
  exam_passed: { zh: '通过一场考试', en: 'exam passed' },
  dailyCap: { zh: '每日上限', en: 'daily cap' },
  // 学习教育: library and assistant
  summary: { zh: '简介', en: 'summary' },
  source: { zh: '出处', en: 'source' },
  tags: { zh: '标签', en: 'tags' },
  tag: { zh: '标签', en: 'tag' },
  scopeUnitId: { zh: '可见范围', en: 'visible to' },
  bodyHtml: { zh: '正文', en: 'article text' },
  fileId: { zh: '文件', en: 'file' },
  shared: { zh: '共享到平台', en: 'shared with the platform' },
  passage: { zh: '段落', en: 'passage' },
  download: { zh: '下载', en: 'download' },
  question: { zh: '问题', en: 'question' },
  conversationId: { zh: '对话', en: 'conversation' },
  questionsPerHour: { zh: '每人每小时提问上限', en: 'questions per person and hour' },
  modelEnabled: { zh: '启用大模型', en: 'use the model' },
  baseUrl: { zh: '接口地址', en: 'endpoint URL' },
  model: { zh: '模型名称', en: 'model name' },
  apiKey: { zh: '接口密钥', en: 'API key' },
  // 学习教育: VR 党史展馆 (modules/exhibition)
  intro: { zh: '前言', en: 'introduction' },
  theme: { zh: '展厅配色', en: 'room colours' },
  roomId: { zh: '展厅', en: 'room' },
  roomIds: { zh: '展厅顺序', en: 'room order' },
  exhibitId: { zh: '展品', en: 'exhibit' },
  wall: { zh: '墙面', en: 'wall' },
  slot: { zh: '位置序号', en: 'place on the wall' },
};

export function fieldLabel(field: string): Msg {
  const key = field.split('.').pop() ?? field;
  const l = FIELD_LABELS[key];
  return l ? { zh: `${l.zh}（${field}）`, en: `${l.en} (${field})` } : { zh: `字段 ${field}`, en: `field ${field}` };
}

/** Turns the first schema violation into a plain message naming the field, and the field's path. */
export function describeValidationError(errors: FastifySchemaValidationError[]): { field: string; msg: Msg } {
  const e = errors[0];
  if (!e) return { field: '', msg: { zh: '请求内容不正确', en: 'The request is not valid' } };
  const p = (e.params ?? {}) as Record<string, unknown>;
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') {
    const field = [base, String(p.missingProperty)].filter(Boolean).join('.');
    const l = fieldLabel(field);
    return { field, msg: { zh: `请填写${l.zh}`, en: `${cap(l.en)} is required` } };
  }
  if (e.keyword === 'additionalProperties') {
    const field = [base, String(p.additionalProperty)].filter(Boolean).join('.');
    return { field, msg: { zh: `不认识的字段：${field}`, en: `Unknown field: ${field}` } };
  }
  const field = base || '(body)';
  const l = fieldLabel(field);
  const n = p.limit as number | undefined;
  switch (e.keyword) {
    case 'minLength':
      return { field, msg: n === 1 ? { zh: `请填写${l.zh}`, en: `${cap(l.en)} is required` } : { zh: `${l.zh}不能少于 ${n} 个字符`, en: `${cap(l.en)} must have at least ${n} characters` } };
    case 'maxLength':
      return { field, msg: { zh: `${l.zh}不能超过 ${n} 个字符`, en: `${cap(l.en)} must have at most ${n} characters` } };
    case 'minimum':
      return { field, msg: { zh: `${l.zh}不能小于 ${n}`, en: `${cap(l.en)} must be at least ${n}` } };
    case 'maximum':
      return { field, msg: { zh: `${l.zh}不能大于 ${n}`, en: `${cap(l.en)} must be at most ${n}` } };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { field, msg: { zh: `${l.zh}的取值不在允许范围内`, en: `${cap(l.en)} has a value that is not allowed` } };
    case 'format':
      return { field, msg: { zh: `${l.zh}的格式不正确`, en: `${cap(l.en)} is not in the right format` } };
    case 'pattern':
      return { field, msg: { zh: `${l.zh}包含不允许的字符或格式不正确`, en: `${cap(l.en)} has characters or a format that is not allowed` } };
    case 'type':
      return { field, msg: { zh: `${l.zh}的类型不正确`, en: `${cap(l.en)} has the wrong type` } };
    case 'minItems':
    case 'maxItems':
      return { field, msg: { zh: `${l.zh}的数量不符合要求`, en: `${cap(l.en)} has the wrong number of items` } };
    default:
      return { field, msg: { zh: `${l.zh}不正确`, en: `${cap(l.en)} is not valid` } };
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether a field key has a readable label (a test checks every route's input fields). */
export function hasFieldLabel(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(FIELD_LABELS, key);
}
