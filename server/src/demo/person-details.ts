/**
 * The personal details of generated demo people: a 身份证号 valid under GB 11643 that agrees with the birth date and
 * gender, a mobile number, §2 dates consistent with the party status (RULES.md §2), and a few 流动党员 / 组织关系保留
 * (§3). A separate random stream, so adding details leaves names, statuses and units exactly as before.
 * Region codes are real counties; the numbers are generated and belong to nobody on purpose only by chance.
 */
import type { Membership, PartyStatus } from '../platform/db/schema.js';
import { idCheckDigit } from '../platform/identity/id-number.js';
import { addDays, addYears, formatDate, parseDate } from './dates.js';
import { Rng } from './random.js';

export interface PersonDetails {
  idNumber: string;
  phone: string;
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  fullOn: string | null;
  membership: Membership;
  membershipNote: string | null;
}

/** County-level region codes (GB/T 2260) around the demo group's sites. */
const REGIONS = ['110105', '110108', '310115', '320106', '330106', '370102', '420111', '440305', '510107', '610113', '130102', '410105'] as const;
const MOBILE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '189', '199'] as const;
const MOBILE_NOTES = ['在外地项目部工作', '赴海外项目工作', '外出务工'] as const;
const RETAINED_NOTES = ['待分配期间保留组织关系', '出国学习期间保留组织关系'] as const;

interface Basis { gender: 'male' | 'female'; birthDate: string; partyStatus: PartyStatus; partyJoinedOn: string | null }

export class PersonDetailsMaker {
  private readonly rng: Rng;
  private readonly ids = new Set<string>();

  constructor(seed: number, private readonly ref: Date) {
    this.rng = new Rng(seed);
  }

  make(p: Basis): PersonDetails {
    return { idNumber: this.idNumber(p), phone: this.phone(), ...this.dates(p), ...this.membership(p) };
  }

  /** Region, birth date, a sequence whose last digit is odd for men and even for women, the MOD 11-2 check character. */
  private idNumber(p: Basis): string {
    for (;;) {
      const seq = this.rng.int(0, 99) * 10 + (p.gender === 'male' ? this.rng.pick([1, 3, 5, 7, 9]) : this.rng.pick([0, 2, 4, 6, 8]));
      const first17 = `${this.rng.pick(REGIONS)}${p.birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      const id = first17 + idCheckDigit(first17);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  private phone(): string {
    return `${this.rng.pick(MOBILE_PREFIXES)}${String(this.rng.int(0, 99_999_999)).padStart(8, '0')}`;
  }

  /**
   * Walks back from the latest date of the status: 1–10 months between application and activist, at least a year
   * as 积极分子 (§2), 3–10 months as 发展对象; 转正 a year after 入党. Dates before the 18th birthday are dropped, as in
   * old paper records where only 入党 and 转正 are known.
   */
  private dates(p: Basis): Pick<PersonDetails, 'appliedOn' | 'activistOn' | 'candidateOn' | 'fullOn'> {
    const back = (d: Date, min: number, max: number) => addDays(d, -this.rng.int(min, max));
    const adult = addYears(parseDate(p.birthDate), 18);
    const out = { appliedOn: null as Date | null, activistOn: null as Date | null, candidateOn: null as Date | null, fullOn: null as Date | null };
    const joined = p.partyJoinedOn ? parseDate(p.partyJoinedOn) : null;
    switch (p.partyStatus) {
      case 'applicant': out.appliedOn = back(this.ref, 15, 300); break;
      case 'activist': out.activistOn = back(this.ref, 30, 700); break;
      case 'candidate': out.candidateOn = back(this.ref, 20, 300); break;
      case 'probationary': case 'full':
        if (joined) out.candidateOn = back(joined, 90, 300);
        if (joined && p.partyStatus === 'full') out.fullOn = addYears(joined, 1);
        break;
      case 'none': break;
    }
    if (out.candidateOn) out.activistOn = back(out.candidateOn, 366, 600);
    if (out.activistOn) out.appliedOn = back(out.activistOn, 30, 300);
    const keep = (d: Date | null) => (d !== null && d >= adult ? formatDate(d) : null);
    // A chain is cut where it reaches before adulthood: earlier steps then stay unknown too.
    const applied = keep(out.appliedOn);
    const activist = applied === null && out.appliedOn !== null ? null : keep(out.activistOn);
    const candidate = activist === null && out.activistOn !== null ? null : keep(out.candidateOn);
    const required = p.partyStatus === 'applicant' || p.partyStatus === 'activist' || p.partyStatus === 'candidate';
    return {
      // The status's own date is always kept (clamped to the 18th birthday for the very young).
      appliedOn: p.partyStatus === 'applicant' ? formatDate(out.appliedOn && out.appliedOn >= adult ? out.appliedOn : adult) : (required || applied ? applied : null),
      activistOn: p.partyStatus === 'activist' ? formatDate(out.activistOn && out.activistOn >= adult ? out.activistOn : adult) : activist,
      candidateOn: p.partyStatus === 'candidate' ? formatDate(out.candidateOn && out.candidateOn >= adult ? out.candidateOn : adult) : candidate,
      fullOn: out.fullOn ? formatDate(out.fullOn) : null,
    };
  }

  /** About 3% of members away without transfer (流动党员), 1% with membership kept open (组织关系保留). */
  private membership(p: Basis): Pick<PersonDetails, 'membership' | 'membershipNote'> {
    if (p.partyStatus !== 'full' && p.partyStatus !== 'probationary') return { membership: 'normal', membershipNote: null };
    const r = this.rng.next();
    if (r < 0.03) return { membership: 'mobile', membershipNote: this.rng.pick(MOBILE_NOTES) };
    if (r < 0.04) return { membership: 'retained', membershipNote: this.rng.pick(RETAINED_NOTES) };
    return { membership: 'normal', membershipNote: null };
  }
}
