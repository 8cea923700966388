/**
 * The labeled set: 30 queries a member of an SOE party organisation would type, each with the words that make a
 * document about it. For each query the generator plants relevant documents (the query's words in the title and
 * repeatedly in the body, with topic words around them) and hard distractors (every query word once, far apart, in a
 * long body, never in the title). The planted relevant documents are the judgments: P@5 counts them in the top 5.
 */
export interface LabeledQuery { q: string; words: string[]; topic: string[] }

export const LABELED: LabeledQuery[] = [
  { q: '党费交纳标准', words: ['党费', '交纳', '标准'], topic: ['工资', '比例', '计算', '基数', '按月'] },
  { q: '三会一课', words: ['三会', '一课'], topic: ['党员大会', '支部', '党小组', '党课', '季度'] },
  { q: '主题党日活动', words: ['主题', '党日', '活动'], topic: ['志愿服务', '学习', '每月', '支部'] },
  { q: '发展党员程序', words: ['发展', '党员', '程序'], topic: ['积极分子', '入党', '考察', '培养'] },
  { q: '组织关系转接', words: ['组织', '关系', '转接'], topic: ['介绍信', '回执', '接收', '党员'] },
  { q: '民主评议党员', words: ['民主', '评议', '党员'], topic: ['优秀', '合格', '自评', '互评'] },
  { q: '安全生产责任', words: ['安全', '生产', '责任'], topic: ['隐患', '排查', '班组', '事故'] },
  { q: '红船精神', words: ['红船', '精神'], topic: ['嘉兴', '南湖', '建党', '首创'] },
  { q: '长征精神', words: ['长征', '精神'], topic: ['红军', '会师', '遵义', '艰苦'] },
  { q: '遵义会议', words: ['遵义', '会议'], topic: ['转折', '红军', '政治局', '长征'] },
  { q: '井冈山革命根据地', words: ['井冈山', '革命', '根据地'], topic: ['秋收起义', '农村', '会师', '红四军'] },
  { q: '延安整风', words: ['延安', '整风'], topic: ['学风', '党风', '文风', '主观主义'] },
  { q: '改革开放', words: ['改革开放'], topic: ['十一届三中全会', '经济建设', '解放思想', '转折'] },
  { q: '大庆精神铁人', words: ['大庆', '精神', '铁人'], topic: ['石油', '会战', '王进喜', '创业'] },
  { q: '党员先锋岗', words: ['党员', '先锋岗'], topic: ['承诺', '岗位', '一线', '示范'] },
  { q: '支部书记讲党课', words: ['支部书记', '党课'], topic: ['备课', '主题', '原文', '交流'] },
  { q: '党风廉政建设', words: ['党风', '廉政', '建设'], topic: ['纪律', '监督', '责任', '廉洁'] },
  { q: '中央八项规定精神', words: ['中央', '八项', '规定', '精神'], topic: ['作风', '公务接待', '节日', '四风'] },
  { q: '巡视整改', words: ['巡视', '整改'], topic: ['问题', '清单', '销号', '反馈'] },
  { q: '职工代表大会', words: ['职工代表大会'], topic: ['工会', '民主管理', '提案', '表决'] },
  { q: '青年突击队', words: ['青年', '突击队'], topic: ['共青团', '攻坚', '项目', '青年'] },
  { q: '劳动模范评选', words: ['劳动模范', '评选'], topic: ['推荐', '公示', '事迹', '表彰'] },
  { q: '企业文化建设', words: ['企业文化', '建设'], topic: ['价值观', '品牌', '员工', '宣传'] },
  { q: '党建引领生产经营', words: ['党建', '引领', '生产', '经营'], topic: ['融合', '效益', '攻关', '指标'] },
  { q: '困难职工帮扶', words: ['困难', '职工', '帮扶'], topic: ['慰问', '救助', '工会', '走访'] },
  { q: '谈心谈话制度', words: ['谈心', '谈话', '制度'], topic: ['思想', '交流', '了解', '书记'] },
  { q: '党内统计年报', words: ['党内', '统计', '年报'], topic: ['党员数', '报表', '核对', '上报'] },
  { q: '换届选举', words: ['换届', '选举'], topic: ['任期', '候选人', '差额', '委员会'] },
  { q: '党员教育培训', words: ['党员', '教育', '培训'], topic: ['学时', '课程', '集中', '轮训'] },
  { q: '节能减排技术改造', words: ['节能减排', '技术改造'], topic: ['能耗', '设备', '效率', '排放'] },
];
