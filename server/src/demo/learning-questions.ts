/**
 * The demo question bank: questions on 党章, 党史 and 组织生活与党费 with answers taken from the texts they cite
 * (《中国共产党章程》, 《中国共产党支部工作条例（试行）》, 中组发〔2008〕3号 on dues, and the party-history summaries of the
 * demo library). Difficulty 3 holds the short answers, which a person grades; the demo's random exam draws from
 * difficulties 1 and 2 only, so it is graded at once.
 */
import type { QuestionKind } from '../modules/exams/rules.js';

export interface DemoQuestion {
  category: '党章' | '党史' | '组织生活与党费';
  kind: QuestionKind;
  difficulty: 1 | 2 | 3;
  stem: string;
  options?: string[];
  correct?: string[];
  truth?: boolean;
  blanks?: string[][];
  reference?: string;
  explanation: string;
}

export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  // ------------------------------------------------------------ 党章
  { category: '党章', kind: 'single', difficulty: 1, stem: '中国共产党是中国工人阶级的先锋队，同时是（ ）的先锋队。', options: ['中国人民和中华民族', '全体劳动者', '知识分子', '全体工人和农民'], correct: ['A'], explanation: '《中国共产党章程》总纲。' },
  { category: '党章', kind: 'single', difficulty: 1, stem: '年满（ ）岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，可以申请加入中国共产党。', options: ['十六', '十八', '二十', '二十二'], correct: ['B'], explanation: '《中国共产党章程》第一条。' },
  { category: '党章', kind: 'single', difficulty: 1, stem: '预备党员的预备期为（ ）。', options: ['半年', '一年', '两年', '三年'], correct: ['B'], explanation: '《中国共产党章程》第七条：预备党员的预备期为一年。' },
  { category: '党章', kind: 'single', difficulty: 1, stem: '申请入党的人，要有（ ）名正式党员作介绍人。', options: ['一', '两', '三', '四'], correct: ['B'], explanation: '《中国共产党章程》第五条。' },
  { category: '党章', kind: 'true_false', difficulty: 1, stem: '党员对党的决议和政策如有不同意见，在坚决执行的前提下，可以声明保留，并且可以把自己的意见向党的上级组织直至中央提出。', truth: true, explanation: '《中国共产党章程》第四条规定的党员权利。' },
  { category: '党章', kind: 'true_false', difficulty: 1, stem: '预备党员和正式党员一样，享有表决权、选举权和被选举权。', truth: false, explanation: '《中国共产党章程》第七条：预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。' },
  { category: '党章', kind: 'fill', difficulty: 1, stem: '党员如果没有正当理由，连续____个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。', blanks: [['六', '6']], explanation: '《中国共产党章程》第九条。' },
  { category: '党章', kind: 'multiple', difficulty: 1, stem: '下列属于党员权利的有（ ）。', options: ['参加党的有关会议，阅读党的有关文件，接受党的教育和培训', '在党的会议上和党报党刊上，参加关于党的政策问题的讨论', '行使表决权、选举权，有被选举权', '对上级组织隐瞒本人的真实情况'], correct: ['A', 'B', 'C'], explanation: '《中国共产党章程》第四条。' },
  { category: '党章', kind: 'single', difficulty: 2, stem: '党的最高领导机关是（ ）。', options: ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处', '中央军事委员会'], correct: ['A'], explanation: '《中国共产党章程》第十条。' },
  { category: '党章', kind: 'multiple', difficulty: 2, stem: '党的纪律处分有（ ）。', options: ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'], correct: ['A', 'B', 'C', 'D', 'E'], explanation: '《中国共产党章程》第七章“党的纪律”：党的纪律处分有五种。' },
  { category: '党章', kind: 'fill', difficulty: 2, stem: '企业、农村、机关、学校等基层单位，凡是有正式党员____人以上的，都应当成立党的基层组织。', blanks: [['三', '3']], explanation: '《中国共产党章程》第五章“党的基层组织”。' },
  { category: '党章', kind: 'single', difficulty: 2, stem: '党的总支部委员会和支部委员会每届任期（ ）年。', options: ['两', '三', '四', '五'], correct: ['B'], explanation: '《中国共产党章程》第五章“党的基层组织”：党的基层委员会每届任期三年至五年，总支部委员会、支部委员会每届任期三年。' },
  { category: '党章', kind: 'true_false', difficulty: 2, stem: '党员的党龄，从预备期满转为正式党员之日算起。', truth: true, explanation: '《中国共产党章程》第七条。' },
  { category: '党章', kind: 'single', difficulty: 2, stem: '预备党员预备期满，党组织认为需要继续考察和教育的，可以延长预备期，但不能超过（ ）。', options: ['半年', '一年', '一年半', '两年'], correct: ['B'], explanation: '《中国共产党章程》第七条。' },
  { category: '党章', kind: 'short', difficulty: 3, stem: '简述党员必须履行的义务（至少列出四项）。', reference: '《中国共产党章程》第三条规定的八项义务：认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想；贯彻执行党的基本路线和各项方针、政策，带头参加改革开放和社会主义现代化建设；坚持党和人民的利益高于一切；自觉遵守党的纪律，首先是党的政治纪律和政治规矩；维护党的团结和统一；切实开展批评和自我批评；密切联系群众；发扬社会主义新风尚。', explanation: '' },

  // ------------------------------------------------------------ 党史
  { category: '党史', kind: 'single', difficulty: 1, stem: '中国共产党第一次全国代表大会于（ ）年召开。', options: ['1919', '1921', '1927', '1935'], correct: ['B'], explanation: '1921年7月，中共一大在上海召开。' },
  { category: '党史', kind: 'single', difficulty: 1, stem: '中共一大最后一天的会议转移到（ ）举行。', options: ['上海法租界', '浙江嘉兴南湖的一艘游船上', '江西井冈山', '广州'], correct: ['B'], explanation: '会议最后一天转移到嘉兴南湖的游船上举行，宣告了中国共产党的诞生。' },
  { category: '党史', kind: 'fill', difficulty: 1, stem: '1935年1月，中共中央政治局在贵州____召开扩大会议。', blanks: [['遵义']], explanation: '遵义会议。' },
  { category: '党史', kind: 'true_false', difficulty: 1, stem: '井冈山革命根据地是中国共产党创建的第一个农村革命根据地。', truth: true, explanation: '1927年秋收起义后，毛泽东率部向井冈山进军，创建了第一个农村革命根据地。' },
  { category: '党史', kind: 'single', difficulty: 1, stem: '中华人民共和国成立于（ ）。', options: ['1949年10月1日', '1949年7月1日', '1921年7月1日', '1945年8月15日'], correct: ['A'], explanation: '' },
  { category: '党史', kind: 'multiple', difficulty: 1, stem: '“红船精神”包括（ ）。', options: ['开天辟地、敢为人先的首创精神', '坚定理想、百折不挠的奋斗精神', '立党为公、忠诚为民的奉献精神', '自力更生、艰苦创业的创业精神'], correct: ['A', 'B', 'C'], explanation: '见资源库“红船精神”。' },
  { category: '党史', kind: 'true_false', difficulty: 1, stem: '遵义会议实际上确立了毛泽东在党中央和红军的领导地位。', truth: true, explanation: '见资源库“遵义会议”。' },
  { category: '党史', kind: 'single', difficulty: 2, stem: '被称为党的历史上“生死攸关的转折点”的会议是（ ）。', options: ['八七会议', '古田会议', '遵义会议', '洛川会议'], correct: ['C'], explanation: '遵义会议是党的历史上一个生死攸关的转折点。' },
  { category: '党史', kind: 'multiple', difficulty: 2, stem: '延安整风运动的主要内容是（ ）。', options: ['反对主观主义以整顿学风', '反对宗派主义以整顿党风', '反对党八股以整顿文风', '反对官僚主义以整顿作风'], correct: ['A', 'B', 'C'], explanation: '见资源库“延安整风运动”。' },
  { category: '党史', kind: 'single', difficulty: 2, stem: '“两个务必”是毛泽东在（ ）上提出的。', options: ['党的七大', '党的七届二中全会', '遵义会议', '党的八大'], correct: ['B'], explanation: '1949年3月，党的七届二中全会在西柏坡召开。' },
  { category: '党史', kind: 'fill', difficulty: 2, stem: '1949年3月，党的七届二中全会在河北平山县____召开。', blanks: [['西柏坡', '西柏坡村']], explanation: '' },
  { category: '党史', kind: 'true_false', difficulty: 2, stem: '1928年4月，朱德、陈毅率领的部队与毛泽东领导的部队在延安会师。', truth: false, explanation: '会师地点是井冈山，组成工农革命军第四军。' },
  { category: '党史', kind: 'short', difficulty: 3, stem: '简述长征精神的内涵。', reference: '把全国人民和中华民族的根本利益看得高于一切，坚定革命的理想和信念，坚信正义事业必然胜利；为了救国救民，不怕任何艰难险阻，不惜付出一切牺牲；坚持独立自主、实事求是，一切从实际出发；顾全大局、严守纪律、紧密团结；紧紧依靠人民群众，同人民群众生死相依、患难与共、艰苦奋斗。', explanation: '' },

  // ------------------------------------------------------------ 组织生活与党费 (RULES.md §4, §5)
  { category: '组织生活与党费', kind: 'single', difficulty: 1, stem: '“三会一课”中的“一课”是指（ ）。', options: ['团课', '党课', '业务培训课', '形势政策课'], correct: ['B'], explanation: '“三会一课”：支部党员大会、支部委员会会议、党小组会和党课。' },
  { category: '组织生活与党费', kind: 'multiple', difficulty: 1, stem: '“三会一课”中的“三会”是指（ ）。', options: ['支部党员大会', '支部委员会会议', '党小组会', '职工代表大会'], correct: ['A', 'B', 'C'], explanation: '《中国共产党支部工作条例（试行）》第十九条。' },
  { category: '组织生活与党费', kind: 'true_false', difficulty: 1, stem: '党支部每年至少召开一次组织生活会。', truth: true, explanation: '《中国共产党支部工作条例（试行）》第二十条。' },
  { category: '组织生活与党费', kind: 'fill', difficulty: 1, stem: '学生党员、下岗失业党员、依靠抚恤或救济生活的党员，每月交纳党费____元。', blanks: [['0.2', '0.20', '两角', '二角']], explanation: '中组发〔2008〕3号。' },
  { category: '组织生活与党费', kind: 'single', difficulty: 2, stem: '支部党员大会一般（ ）召开一次。', options: ['每月', '每季度', '每半年', '每年'], correct: ['B'], explanation: '《中国共产党支部工作条例（试行）》第十九条。' },
  { category: '组织生活与党费', kind: 'single', difficulty: 2, stem: '支部委员会会议一般（ ）召开一次。', options: ['每月', '每季度', '每半年', '每年'], correct: ['A'], explanation: '《中国共产党支部工作条例（试行）》第十九条。' },
  { category: '组织生活与党费', kind: 'single', difficulty: 2, stem: '民主评议党员时，评定等次不包括（ ）。', options: ['优秀', '合格', '基本合格', '良好'], correct: ['D'], explanation: '等次为优秀、合格、基本合格、不合格。' },
  { category: '组织生活与党费', kind: 'fill', difficulty: 2, stem: '月工资收入（税后）在3000元以下（含3000元）的在职党员，每月交纳月工资收入的____%作为党费。', blanks: [['0.5', '零点五']], explanation: '中组发〔2008〕3号：3000元以下（含）交纳0.5%。' },
  { category: '组织生活与党费', kind: 'single', difficulty: 2, stem: '税后月工资收入8000元的在职党员，每月应交纳党费（ ）元。', options: ['80', '120', '160', '40'], correct: ['B'], explanation: '5000元以上至10000元（含）交纳1.5%，按全部收入计算：8000×1.5%=120元。' },
  { category: '组织生活与党费', kind: 'true_false', difficulty: 2, stem: '党员自愿一次性多交纳1000元以上的党费，全部上缴中央。', truth: true, explanation: '中组发〔2008〕3号。' },
  { category: '组织生活与党费', kind: 'single', difficulty: 2, stem: '离退休党员每月基本养老金等收入在5000元以上的，按（ ）交纳党费。', options: ['0.5%', '1%', '1.5%', '2%'], correct: ['B'], explanation: '中组发〔2008〕3号：5000元以下（含）0.5%，5000元以上1%。' },
  { category: '组织生活与党费', kind: 'true_false', difficulty: 2, stem: '党员大会表决时，赞成票超过实到会有表决权党员的半数，即为通过。', truth: false, explanation: '赞成票须超过应到会有表决权党员的半数（《中国共产党支部工作条例（试行）》）。' },
  { category: '组织生活与党费', kind: 'single', difficulty: 2, stem: '党支部党员人数一般不超过（ ）人。', options: ['30', '50', '100', '200'], correct: ['B'], explanation: '《中国共产党支部工作条例（试行）》：党支部党员人数一般不超过50人。' },
  { category: '组织生活与党费', kind: 'short', difficulty: 3, stem: '简述党支部召开组织生活会的基本程序。', reference: '会前学习研讨、广泛征求意见、谈心谈话、查摆问题并撰写发言提纲；会上党支部书记代表支部班子对照检查，党员逐一发言、开展批评和自我批评，提出整改措施；会后制定整改清单、抓好落实并报上级党组织。', explanation: '' },
];
