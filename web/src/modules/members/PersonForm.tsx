import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { Membership, PersonBody, PersonPatchBody, PersonRecord } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { dayjs } from '../../shared/time';
import { DATE_FIELDS, datesForStatus, MEMBERSHIPS, membershipKey, PARTY_STATUSES, partyStatusKey, type DateField } from './labels';
import { fetchVocabulary, peopleKeys } from './queries';
import { UnitSelect } from './UnitSelect';

type Status = PersonBody['partyStatus'];
interface Values {
  name: string; gender: 'male' | 'female'; ethnicity: string; birthDate?: Dayjs | null; idNumber?: string; phone?: string;
  education?: string | null; jobTitle?: string; employeeNo?: string; orgUnitId: string; partyStatus: Status;
  appliedOn?: Dayjs | null; activistOn?: Dayjs | null; candidateOn?: Dayjs | null; partyJoinedOn?: Dayjs | null; fullOn?: Dayjs | null;
  membership: Membership; membershipNote?: string;
}
const FIELDS = ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'phone', 'education', 'jobTitle', 'employeeNo', 'orgUnitId', 'partyStatus', ...DATE_FIELDS, 'membership', 'membershipNote'];

const day = (v: string | null) => (v === null ? null : dayjs(v));
const text = (v: string | undefined | null) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
const date = (v: Dayjs | null | undefined) => (v === null || v === undefined ? null : v.format('YYYY-MM-DD'));

function toBody(v: Values): PersonBody {
  const dates = new Set(datesForStatus(v.partyStatus));
  const d = (f: DateField) => (dates.has(f) ? date(v[f]) : null);
  return {
    name: v.name.trim(), gender: v.gender, ethnicity: v.ethnicity, birthDate: date(v.birthDate), idNumber: text(v.idNumber), phone: text(v.phone),
    education: v.education ?? null, jobTitle: text(v.jobTitle), employeeNo: text(v.employeeNo), orgUnitId: v.orgUnitId, partyStatus: v.partyStatus,
    appliedOn: d('appliedOn'), activistOn: d('activistOn'), candidateOn: d('candidateOn'), partyJoinedOn: d('partyJoinedOn'), fullOn: d('fullOn'),
    membership: v.membership, membershipNote: v.membership === 'normal' ? null : text(v.membershipNote),
  };
}

/** Only what changed, with the version read (the server answers 409 when someone saved in between). */
function toPatch(record: PersonRecord, body: PersonBody): PersonPatchBody {
  const patch: Record<string, unknown> = { version: record.version };
  for (const [k, v] of Object.entries(body)) {
    // The ID number is never sent to the browser: an empty field means "unchanged".
    if (k === 'idNumber') { if (v !== null) patch[k] = v; continue; }
    if ((record as unknown as Record<string, unknown>)[k] !== v) patch[k] = v;
  }
  return patch as PersonPatchBody;
}

/**
 * Create or edit a person. Status and §2 dates may be entered here for an existing member's historic record; a status
 * change going forward is made in 发展党员, where each step is checked against the rules.
 */
export function PersonForm({ open, record, defaultUnit, onClose, onSaved }: {
  open: boolean; record?: PersonRecord | undefined; defaultUnit?: { id: string; name: string } | undefined; onClose: () => void; onSaved: (r: PersonRecord) => void;
}) {
  const t = useT();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const vocab = useQuery({ queryKey: peopleKeys.vocabulary, queryFn: fetchVocabulary, staleTime: Infinity });
  const status = Form.useWatch('partyStatus', form) ?? record?.partyStatus ?? 'none';
  const membership = Form.useWatch('membership', form) ?? 'normal';
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = toBody(v);
      return record === undefined
        ? unwrap(api.POST('/api/people', { body }))
        : unwrap(api.PATCH('/api/people/{id}', { params: { path: { id: record.id } }, body: toPatch(record, body) }));
    },
    onSuccess: (r) => {
      form.resetFields();
      onSaved(r);
    },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  const initial: Partial<Values> = record === undefined
    ? { gender: 'male', ethnicity: '汉族', partyStatus: 'none', membership: 'normal', orgUnitId: defaultUnit?.id as string }
    : {
      name: record.name, gender: record.gender, ethnicity: record.ethnicity, birthDate: day(record.birthDate), phone: record.phone ?? '',
      education: record.education, jobTitle: record.jobTitle ?? '', employeeNo: record.employeeNo ?? '', orgUnitId: record.orgUnitId,
      partyStatus: record.partyStatus, appliedOn: day(record.appliedOn), activistOn: day(record.activistOn), candidateOn: day(record.candidateOn),
      partyJoinedOn: day(record.partyJoinedOn), fullOn: day(record.fullOn), membership: record.membership, membershipNote: record.membershipNote ?? '',
    };
  const req = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  return (
    <Drawer
      open={open}
      title={record === undefined ? t('people.create') : t('people.edit')}
      width={isMobile ? '100%' : 560}
      onClose={() => { save.reset(); onClose(); }}
      destroyOnHidden
      extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="person-submit">{t('common.save')}</Button>}
    >
      {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} data-testid="person-form-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="person-form">
        <Form.Item name="name" label={t('people.field.name')} rules={req(t('people.field.name'))}><Input maxLength={50} data-testid="person-name" /></Form.Item>
        <Form.Item name="gender" label={t('people.field.gender')}>
          <Radio.Group options={[{ value: 'male', label: t('org.gender.male') }, { value: 'female', label: t('org.gender.female') }]} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('people.field.idNumber')} extra={record !== undefined && record.idNumberMasked !== null ? t('people.idUnchangedHint', { masked: record.idNumberMasked }) : t('people.idHint')}>
          <Input maxLength={30} autoComplete="off" data-testid="person-id-input" />
        </Form.Item>
        <Form.Item name="birthDate" label={t('people.field.birthDate')} extra={t('people.birthFromId')}><DatePicker style={{ width: '100%' }} data-testid="person-birth" /></Form.Item>
        <Form.Item name="ethnicity" label={t('people.field.ethnicity')}>
          <Select showSearch options={(vocab.data?.ethnicities ?? ['汉族']).map((e) => ({ value: e, label: e }))} />
        </Form.Item>
        <Form.Item name="phone" label={t('people.field.phone')}><Input maxLength={30} inputMode="tel" data-testid="person-phone" /></Form.Item>
        <Form.Item name="education" label={t('people.field.education')}>
          <Select allowClear options={(vocab.data?.educationLevels ?? []).map((e) => ({ value: e, label: e }))} />
        </Form.Item>
        <Form.Item name="jobTitle" label={t('people.field.jobTitle')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="employeeNo" label={t('people.field.employeeNo')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="orgUnitId" label={t('people.field.orgUnitId')} rules={[{ required: true, message: t('common.required', { label: t('people.field.orgUnitId') }) }]}>
          <UnitSelect initialLabel={record?.orgUnitName ?? defaultUnit?.name} testId="person-unit" />
        </Form.Item>
        <Alert type="info" showIcon title={t('people.statusHint')} style={{ marginBottom: 12 }} />
        <Form.Item name="partyStatus" label={t('people.field.partyStatus')}>
          <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: t(partyStatusKey(s)) }))} data-testid="person-status" />
        </Form.Item>
        <Flex gap={12} wrap>
          {datesForStatus(status).map((f) => (
            <Form.Item key={f} name={f} label={t(`people.field.${f}`)} style={{ flex: isMobile ? '1 1 100%' : '1 1 45%' }}>
              <DatePicker style={{ width: '100%' }} data-testid={`person-${f}`} />
            </Form.Item>
          ))}
        </Flex>
        {(status === 'probationary' || status === 'full') && (
          <>
            <Form.Item name="membership" label={t('people.field.membership')}>
              <Select options={MEMBERSHIPS.map((m) => ({ value: m, label: t(membershipKey(m)) }))} />
            </Form.Item>
            {membership !== 'normal' && <Form.Item name="membershipNote" label={t('people.field.membershipNote')}><Input maxLength={200} /></Form.Item>}
          </>
        )}
      </Form>
    </Drawer>
  );
}
