/**
 * The shape of the demo enterprise: a fictional energy group with a power plant, a new-energy company
 * and a sales company. Sizes are fixed here (not drawn) so the totals and the §1 edge cases are stable:
 * two 离退休 branches are large (one above 50 members), a few branches have fewer than 7 正式党员,
 * and one has only 2 (below the minimum of 3).
 */
import type { PartyStatus } from '../platform/db/schema.js';
import type { EducationLevel } from './names.js';

export type Profile =
  | 'office' | 'finance' | 'operation' | 'maintenance' | 'fuel' | 'safety'
  | 'newenergy' | 'construction' | 'sales' | 'trading' | 'retired';

/** Demo roles that are played by a person of the enterprise. */
export type PersonRole =
  | 'committee_secretary' | 'organization_member' | 'propaganda_member' | 'discipline_member'
  | 'branch_secretary' | 'party_member' | 'employee' | 'union_staff' | 'hr_staff';

/** A person placed on purpose, to carry a demo account. */
export interface FixedPerson {
  role: PersonRole;
  jobTitle: string;
  status: PartyStatus;
  ages: readonly [number, number];
  /** The account's org scope: the group committee, or the branch the person sits in. */
  scope: 'group' | 'branch';
}

export interface BranchSpec {
  kind: 'branch';
  name: string;
  size: number;
  profile: Profile;
  /** 党小组 names; party members are spread over them, non-members stay in the branch itself. */
  groups?: readonly string[];
  /** Bounds on the number of 正式党员; default at least 3. */
  full?: readonly [number, number];
  fixed?: readonly FixedPerson[];
}

export interface GeneralBranchSpec {
  kind: 'general_branch';
  name: string;
  children: readonly BranchSpec[];
}

export interface CommitteeSpec {
  kind: 'group_committee' | 'committee';
  name: string;
  children: readonly (CommitteeSpec | GeneralBranchSpec | BranchSpec)[];
}

const FEW: readonly [number, number] = [3, 6];

export const DEMO_BLUEPRINT: CommitteeSpec = {
  kind: 'group_committee',
  name: '中电示范能源集团有限公司党委',
  children: [
    {
      kind: 'branch', name: '集团机关第一党支部', size: 22, profile: 'office',
      fixed: [
        { role: 'committee_secretary', jobTitle: '党委书记、董事长', status: 'full', ages: [52, 58], scope: 'group' },
        { role: 'organization_member', jobTitle: '党委委员、党建工作部主任', status: 'full', ages: [45, 56], scope: 'group' },
        { role: 'propaganda_member', jobTitle: '党委委员、企业文化部主任', status: 'full', ages: [42, 55], scope: 'group' },
        { role: 'discipline_member', jobTitle: '党委委员、纪委书记', status: 'full', ages: [48, 57], scope: 'group' },
        { role: 'union_staff', jobTitle: '工会干事', status: 'full', ages: [30, 45], scope: 'group' },
      ],
    },
    {
      kind: 'branch', name: '集团机关第二党支部', size: 18, profile: 'finance',
      fixed: [{ role: 'hr_staff', jobTitle: '人力资源专员', status: 'probationary', ages: [26, 34], scope: 'group' }],
    },
    { kind: 'branch', name: '集团机关第三党支部', size: 16, profile: 'safety' },
    { kind: 'branch', name: '集团离退休党支部', size: 60, profile: 'retired', groups: ['东区党小组', '西区党小组', '南区党小组'] },
    {
      kind: 'committee',
      name: '东江发电有限公司党委',
      children: [
        {
          kind: 'general_branch', name: '运行部党总支',
          children: [
            { kind: 'branch', name: '运行一值党支部', size: 28, profile: 'operation', groups: ['第一党小组', '第二党小组'] },
            { kind: 'branch', name: '运行二值党支部', size: 27, profile: 'operation', groups: ['第一党小组', '第二党小组'] },
            { kind: 'branch', name: '运行三值党支部', size: 26, profile: 'operation' },
            { kind: 'branch', name: '运行四值党支部', size: 25, profile: 'operation' },
          ],
        },
        {
          kind: 'general_branch', name: '检修部党总支',
          children: [
            {
              kind: 'branch', name: '电气检修党支部', size: 24, profile: 'maintenance',
              fixed: [
                { role: 'branch_secretary', jobTitle: '检修部副主任、党支部书记', status: 'full', ages: [38, 52], scope: 'branch' },
                { role: 'party_member', jobTitle: '继电保护工程师', status: 'full', ages: [28, 45], scope: 'branch' },
                { role: 'employee', jobTitle: '电气检修工', status: 'none', ages: [23, 35], scope: 'branch' },
              ],
            },
            { kind: 'branch', name: '热控检修党支部', size: 18, profile: 'maintenance' },
            { kind: 'branch', name: '机务检修党支部', size: 30, profile: 'maintenance', groups: ['汽机党小组', '锅炉党小组', '辅机党小组'] },
          ],
        },
        { kind: 'branch', name: '机关第一党支部', size: 24, profile: 'office' },
        { kind: 'branch', name: '机关第二党支部', size: 16, profile: 'finance' },
        { kind: 'branch', name: '燃料管理党支部', size: 22, profile: 'fuel' },
        { kind: 'branch', name: '安全环保监察党支部', size: 9, profile: 'safety', full: FEW },
        { kind: 'branch', name: '离退休党支部', size: 18, profile: 'retired' },
      ],
    },
    {
      kind: 'committee',
      name: '示范新能源有限公司党委',
      children: [
        {
          kind: 'general_branch', name: '生产运维党总支',
          children: [
            { kind: 'branch', name: '集控中心党支部', size: 20, profile: 'newenergy' },
            { kind: 'branch', name: '北部风电场党支部', size: 14, profile: 'newenergy' },
            { kind: 'branch', name: '南部风电场党支部', size: 12, profile: 'newenergy', full: FEW },
            { kind: 'branch', name: '光伏电站党支部', size: 8, profile: 'newenergy', full: [2, 2] },
            { kind: 'branch', name: '储能电站党支部', size: 9, profile: 'newenergy', full: FEW },
          ],
        },
        { kind: 'branch', name: '机关党支部', size: 18, profile: 'office' },
        { kind: 'branch', name: '工程建设党支部', size: 23, profile: 'construction' },
        { kind: 'branch', name: '财务资产党支部', size: 10, profile: 'finance', full: FEW },
      ],
    },
    {
      kind: 'committee',
      name: '示范能源销售有限公司党委',
      children: [
        {
          kind: 'general_branch', name: '营销党总支',
          children: [
            { kind: 'branch', name: '大客户营销党支部', size: 20, profile: 'sales', groups: ['华东党小组', '华南党小组'] },
            { kind: 'branch', name: '市场拓展党支部', size: 18, profile: 'sales' },
            { kind: 'branch', name: '客户服务党支部', size: 25, profile: 'sales' },
          ],
        },
        {
          kind: 'general_branch', name: '综合党总支',
          children: [
            { kind: 'branch', name: '综合管理党支部', size: 17, profile: 'office' },
            { kind: 'branch', name: '财务资产党支部', size: 11, profile: 'finance', full: FEW },
          ],
        },
        { kind: 'branch', name: '电力交易党支部', size: 15, profile: 'trading' },
      ],
    },
  ],
};

type Weighted<T> = readonly (readonly [T, number])[];

/** Share of men: generation and maintenance crews are mostly men, finance mostly women. */
export const MALE_SHARE: Readonly<Record<Profile, number>> = {
  office: 0.5, finance: 0.3, operation: 0.85, maintenance: 0.92, fuel: 0.8, safety: 0.75,
  newenergy: 0.85, construction: 0.85, sales: 0.5, trading: 0.55, retired: 0.6,
};

export const JOB_TITLES: Readonly<Record<Profile, Weighted<string>>> = {
  office: [['主任', 1], ['副主任', 2], ['主管', 3], ['党建专员', 3], ['宣传专员', 2], ['纪检监察专员', 2], ['文秘', 2],
    ['行政专员', 3], ['法务专员', 1], ['档案管理员', 1], ['工会干事', 1], ['团委干事', 1], ['人力资源专员', 2], ['企业管理专员', 2], ['信息化专员', 2]],
  finance: [['主任', 1], ['副主任', 1], ['会计', 5], ['出纳', 2], ['财务主管', 2], ['成本核算员', 2], ['资产管理员', 2],
    ['审计专员', 2], ['税务专员', 1], ['预算管理专员', 1], ['人力资源专员', 2], ['薪酬专员', 1]],
  operation: [['值长', 1], ['单元长', 2], ['集控主值班员', 4], ['集控副值班员', 4], ['运行值班员', 6], ['巡检员', 4],
    ['化学运行值班员', 2], ['脱硫运行值班员', 2]],
  maintenance: [['班长', 2], ['检修工程师', 3], ['电气检修工', 4], ['热控检修工', 3], ['汽机检修工', 3], ['锅炉检修工', 3],
    ['点检员', 3], ['技术员', 2], ['继电保护工程师', 1]],
  fuel: [['主任', 1], ['燃料管理员', 3], ['采制样员', 3], ['输煤运行值班员', 5], ['燃料调度员', 2], ['计量员', 2], ['化验员', 2]],
  safety: [['主任', 1], ['安全监察员', 4], ['安全工程师', 3], ['环保专员', 2], ['消防专员', 1], ['职业健康专员', 1],
    ['生产技术专工', 2], ['设备管理专工', 2]],
  newenergy: [['场站站长', 1], ['风电运维工程师', 4], ['风机检修工', 4], ['光伏运维员', 3], ['集控值班员', 4], ['调度员', 2], ['电力监控专员', 1]],
  construction: [['项目经理', 2], ['土建工程师', 3], ['电气工程师', 3], ['造价工程师', 2], ['安全员', 2], ['质量工程师', 2], ['计划专员', 1]],
  sales: [['主任', 1], ['营销专员', 5], ['客户经理', 4], ['大客户经理', 2], ['市场分析师', 2], ['电费核算员', 2], ['客服专员', 4], ['合同管理员', 1]],
  trading: [['主任', 1], ['电力交易员', 5], ['交易分析师', 3], ['市场研究员', 2], ['结算专员', 2], ['营销专员', 2]],
  retired: [['退休职工', 1]],
};

type EducationTable = Weighted<EducationLevel>;

const SHOP_FLOOR: EducationTable = [['高中', 3], ['中专', 12], ['大专', 35], ['大学本科', 45], ['硕士研究生', 5]];
const DESK: EducationTable = [['大专', 10], ['大学本科', 62], ['硕士研究生', 25], ['博士研究生', 3]];
/** Workers past 50 entered work when degrees were rarer. */
const SENIOR: EducationTable = [['高中', 12], ['中专', 25], ['大专', 33], ['大学本科', 26], ['硕士研究生', 4]];
const RETIRED: EducationTable = [['高中', 35], ['中专', 30], ['大专', 22], ['大学本科', 13]];

/** `cadre`: group-level leaders and staff, who hold degrees whatever their age. */
export function educationTable(profile: Profile, age: number, cadre = false): EducationTable {
  if (cadre) return DESK;
  if (profile === 'retired') return RETIRED;
  if (age >= 50) return SENIOR;
  const shopFloor = profile === 'operation' || profile === 'maintenance' || profile === 'fuel' || profile === 'newenergy';
  return shopFloor ? SHOP_FLOOR : DESK;
}

/**
 * Party status weights for working branches. The two 离退休 branches (78 people) are all 正式党员,
 * so working branches get fewer, which brings the whole enterprise to about 55% full members.
 */
export const STATUS_WEIGHTS: Weighted<PartyStatus> = [
  ['full', 49], ['probationary', 6], ['candidate', 4.5], ['activist', 7], ['applicant', 6], ['none', 27.5],
];
