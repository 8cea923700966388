/**
 * Word lists for the demo enterprise. Every name the generator makes is a random combination of
 * these lists, so no real person is described. Given-name characters avoid polyphones (长 乐 重 行 ...)
 * whose reading in a name pinyin-pro cannot know.
 */

/** [surname, weight]: weights follow the approximate national frequency (per ten thousand people). */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 710], ['李', 700], ['张', 640], ['刘', 530], ['陈', 450], ['杨', 310], ['黄', 220], ['赵', 200],
  ['吴', 180], ['周', 170], ['徐', 130], ['孙', 120], ['马', 110], ['朱', 110], ['胡', 100], ['郭', 100],
  ['何', 90], ['高', 90], ['林', 90], ['罗', 80], ['郑', 80], ['梁', 70], ['谢', 60], ['宋', 55],
  ['唐', 55], ['许', 50], ['韩', 50], ['冯', 50], ['邓', 50], ['曹', 50], ['彭', 48], ['曾', 45],
  ['肖', 43], ['田', 42], ['董', 40], ['袁', 36], ['潘', 35], ['于', 34], ['蒋', 33], ['蔡', 32],
  ['余', 31], ['杜', 30], ['叶', 30], ['程', 30], ['苏', 29], ['魏', 29], ['吕', 28], ['丁', 28],
  ['任', 27], ['沈', 26], ['姚', 26], ['卢', 25], ['姜', 25], ['崔', 24], ['钟', 24], ['谭', 23],
  ['陆', 22], ['汪', 21], ['范', 21], ['金', 20], ['石', 20], ['廖', 20], ['贾', 19], ['夏', 19],
  ['韦', 18], ['付', 18], ['方', 18], ['白', 17], ['邹', 17], ['孟', 16], ['熊', 16], ['秦', 16],
  ['邱', 15], ['江', 15], ['尹', 15], ['薛', 14], ['闫', 14], ['段', 13], ['雷', 13], ['侯', 13],
  ['龙', 12], ['史', 12], ['陶', 12], ['黎', 11], ['贺', 11], ['顾', 11], ['毛', 10], ['郝', 10],
  ['龚', 10], ['邵', 10], ['万', 10], ['钱', 10], ['严', 9], ['覃', 9], ['武', 9], ['戴', 9],
  ['莫', 8], ['孔', 8], ['向', 8], ['汤', 8], ['常', 8], ['温', 7], ['康', 7], ['施', 7],
  ['文', 7], ['牛', 7], ['樊', 6], ['葛', 6], ['邢', 6], ['安', 6], ['齐', 5], ['易', 5],
  ['乔', 5], ['伍', 5], ['庞', 5], ['颜', 5], ['倪', 5], ['庄', 4], ['聂', 4], ['章', 4],
  ['鲁', 4], ['岳', 4], ['翟', 4], ['殷', 4], ['詹', 3], ['申', 3], ['欧', 3], ['耿', 3],
  ['关', 3], ['兰', 3], ['焦', 3], ['俞', 3], ['左', 3], ['柳', 3], ['甘', 3], ['祝', 3],
  // Surnames read differently from the everyday character: they exercise pinyin-pro's surname mode.
  ['单', 3], ['解', 2], ['仇', 1], ['查', 1], ['曲', 2], ['缪', 1], ['朴', 1],
  ['欧阳', 3], ['上官', 1], ['司马', 1], ['诸葛', 1],
];

/** Birth cohorts: given names follow the fashion of the decade a person was born in. */
export type NameEra = 'classic' | 'middle' | 'young';

export function nameEra(birthYear: number): NameEra {
  if (birthYear < 1975) return 'classic';
  if (birthYear < 1990) return 'middle';
  return 'young';
}

const words = (s: string): readonly string[] => s.split(/\s+/).filter((w) => w.length > 0);

export const GIVEN_NAMES: Readonly<Record<'male' | 'female', Readonly<Record<NameEra, readonly string[]>>>> = {
  male: {
    classic: words(`
      建国 建军 国强 志强 志刚 建华 卫东 红军 德明 春生 振华 宏伟 剑锋 明亮 学文 国庆 建平 永刚
      立新 文华 国华 海林 金山 玉林 保国 胜利 树林 新民 利民 光明 福生 忠诚 跃进 德胜 建新 永红
      军 强 勇 刚 平 斌 林 明 华 伟 兵 杰`),
    middle: words(`
      晓东 海波 志伟 建峰 海涛 俊峰 小龙 晓峰 志军 文斌 永亮 海军 红涛 立伟 振宇 国栋 鹏飞 少华
      伟东 宏亮 晓明 海峰 建波 东升 志勇 文杰 卫华 俊杰 云飞 家伟
      伟 磊 勇 军 杰 涛 斌 强 鹏 刚 超 峰 健 亮 辉 波 飞 浩 鑫 宁`),
    young: words(`
      子豪 浩然 宇航 俊杰 博文 天宇 家豪 明轩 思远 一鸣 晨阳 宇辰 子健 文博 浩宇 泽宇 梓豪 皓轩
      嘉伟 昊天 志豪 铭泽 逸飞 俊熙 鹏程 宇轩 浩南 振宇 子航 明哲
      浩 鹏 宇 博 晨 昊 帅 超 阳 旭 凯 琦 森 鑫 磊 睿`),
  },
  female: {
    classic: words(`
      秀英 桂兰 玉兰 丽华 淑珍 秀兰 春梅 红梅 丽娟 慧娟 美玲 海燕 秀珍 玉梅 凤英 桂芳 丽萍 雪梅
      玉珍 桂英 秀芳 淑华 建萍 红霞 爱华 素芬 月英 冬梅 金凤 玉芳
      芳 敏 静 丽 红 霞 英 萍 华 燕 兰 琴`),
    middle: words(`
      晓燕 丽娜 海燕 晓丽 雪梅 晓红 丽君 春燕 晓芳 小红 文静 慧敏 艳红 晓霞 丽丽 美华 秀娟 玉洁
      海霞 慧娟 晓梅 红艳 丽平 晓琳 婉君 丽清 海英 雅琴 晓静 月华
      丽 敏 静 燕 娜 霞 芳 艳 玲 红 娟 琳 洁 梅 莉 蕾 颖 倩`),
    young: words(`
      欣怡 梓涵 雨桐 诗涵 思雨 佳怡 可馨 雅琪 梦瑶 晓雯 雨欣 若曦 子涵 思琪 佳琪 雨婷 诗雨 心怡
      静怡 嘉欣 梦琪 一诺 文静 婉婷 欣然 语桐 佳慧 梦洁 雪莹 晨曦
      婷 琳 雪 颖 倩 佳 悦 琪 媛 璐 萌 蕊 瑶 丹 妍 薇`),
  },
};

/** [ethnicity, weight]: ≈92% 汉族; the minorities most often met in enterprises across the country. */
export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 920], ['回族', 14], ['满族', 13], ['蒙古族', 9], ['壮族', 9], ['土家族', 7], ['苗族', 6],
  ['维吾尔族', 4], ['彝族', 4], ['藏族', 3], ['朝鲜族', 3], ['侗族', 3], ['布依族', 2], ['瑶族', 2], ['白族', 1],
];

export const EDUCATION_LEVELS = ['高中', '中专', '大专', '大学本科', '硕士研究生', '博士研究生'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
