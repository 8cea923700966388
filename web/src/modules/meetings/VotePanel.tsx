/**
 * Votes in the room: the host opens one (open or secret ballot), members with a vote who signed in cast theirs with
 * large buttons, everyone sees the turnout but no result until the host closes the vote; then the tally, the §5
 * rule it was measured by, and for a show of hands who chose what.
 */
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Popconfirm, Progress, Radio, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { useNotify } from '../../shared/hooks/useNotify';
import type { Choice, MyBallot, RoomSnapshot, VoteView } from './room/types';

const CHOICES: Choice[] = ['yes', 'no', 'abstain'];

export function VotePanel({ room, onBallot }: { room: RoomSnapshot; onBallot: (b: MyBallot) => void }) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const [form] = Form.useForm<{ title: string; ballot: 'open' | 'secret' }>();
  const open = room.votes.find((v) => v.state === 'open');
  const opener = useMutation({
    mutationFn: (v: { title: string; ballot: 'open' | 'secret' }) => unwrap(api.POST('/api/meetings/{id}/room/votes', { params: { path: { id } }, body: v })),
    onSuccess: () => form.resetFields(),
    onError: notify.failure,
  });
  if (room.quorum === null) {
    return <Card size="small" title={t('vote.title')}><Typography.Text type="secondary">{t('vote.none')}</Typography.Text></Card>;
  }
  const inProgress = room.meeting.status === 'in_progress';
  return (
    <Card size="small" title={t('vote.title')} data-testid="vote-panel">
      <Flex vertical gap={12}>
        {room.votes.length === 0 && !room.me.abilities.manage && <Typography.Text type="secondary">{t('vote.empty')}</Typography.Text>}
        {[...room.votes].reverse().map((v) => (
          <VoteCard key={v.id} v={v} room={room} mine={room.myBallots.find((b) => b.voteId === v.id)} onBallot={onBallot} />
        ))}
        {room.me.abilities.manage && inProgress && !open && (
          <Form form={form} layout="vertical" initialValues={{ ballot: 'secret' }} onFinish={(v) => opener.mutate(v)} data-testid="vote-new">
            <Typography.Text strong>{t('vote.new')}</Typography.Text>
            <Form.Item name="title" label={t('vote.new.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input placeholder={t('vote.new.placeholder')} data-testid="vote-title" />
            </Form.Item>
            <Form.Item name="ballot" extra={t('vote.ballot.secretHint')}>
              <Radio.Group optionType="button" options={[
                { value: 'secret', label: <span data-testid="vote-ballot-secret">{t('vote.ballot.secret')}</span> },
                { value: 'open', label: <span data-testid="vote-ballot-open">{t('vote.ballot.open')}</span> },
              ]} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={opener.isPending} disabled={!room.quorum.met} data-testid="vote-open-submit">{t('vote.open.submit')}</Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}

function VoteCard({ v, room, mine, onBallot }: { v: VoteView; room: RoomSnapshot; mine: MyBallot | undefined; onBallot: (b: MyBallot) => void }) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const [pending, setPending] = useState<Choice | null>(null);
  const caster = useMutation({
    mutationFn: (choice: Choice) => unwrap(api.POST('/api/meetings/{id}/room/votes/{voteId}/ballot', { params: { path: { id, voteId: v.id } }, body: { choice } })),
    onSuccess: (r) => onBallot({ voteId: r.voteId, cast: true, choice: r.choice }),
    onError: notify.failure,
    onSettled: () => setPending(null),
  });
  const closer = useMutation({
    mutationFn: () => unwrap(api.POST('/api/meetings/{id}/room/votes/{voteId}/close', { params: { path: { id, voteId: v.id } } })),
    onError: notify.failure,
  });
  const total = room.quorum?.shouldAttend ?? 0;
  const me = room.attendees.find((a) => a.personId === room.me.personId);
  const signedIn = me?.attendance === 'present';
  const holdsVote = room.me.abilities.vote && (v.body === 'assembly' || me?.role === 'committee');
  const tally = v.tally;
  return (
    <div className="zg-vote" data-testid="vote-card" data-state={v.state}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>{v.title}</Typography.Text>
        <Flex gap={4}>
          <Tag>{t(v.ballot === 'secret' ? 'vote.ballot.secret' : 'vote.ballot.open')}</Tag>
          <Tag color={v.state === 'open' ? 'processing' : 'default'}>{t(`vote.state.${v.state}`)}</Tag>
        </Flex>
      </Flex>
      {v.state === 'open' && (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <div data-testid="vote-turnout" data-cast={v.cast}>
            <Typography.Text>{t('vote.turnout', { cast: v.cast, total })}</Typography.Text>
            <Progress percent={total ? Math.round((v.cast / total) * 100) : 0} showInfo={false} />
            <Typography.Text type="secondary">{t('vote.hidden')}</Typography.Text>
          </div>
          {mine?.cast ? (
            <Tag color="success" style={{ fontSize: '1em', padding: '4px 8px', alignSelf: 'flex-start' }} data-testid="vote-cast-done">
              {mine.choice ? t('vote.cast.doneChoice', { choice: t(`vote.choice.${mine.choice}`) }) : t('vote.cast.done')}
            </Tag>
          ) : holdsVote ? (
            signedIn ? (
              <Flex gap={8} wrap>
                {CHOICES.map((c) => (
                  <Popconfirm key={c} title={t('vote.confirm', { choice: t(`vote.choice.${c}`) })} onConfirm={() => { setPending(c); caster.mutate(c); }} okButtonProps={{ 'data-testid': 'vote-confirm' } as ButtonProps}>
                    <Button size="large" type={c === 'yes' ? 'primary' : 'default'} danger={c === 'no'} loading={pending === c} style={{ minWidth: 96 }} data-testid={`vote-choice-${c}`}>
                      {t(`vote.choice.${c}`)}
                    </Button>
                  </Popconfirm>
                ))}
              </Flex>
            ) : <Typography.Text type="warning">{t('vote.cast.signInFirst')}</Typography.Text>
          ) : <Typography.Text type="secondary">{t('vote.cast.noRight')}</Typography.Text>}
          {room.me.abilities.manage && (
            <Popconfirm title={t('vote.closeConfirm')} onConfirm={() => closer.mutate()} okButtonProps={{ 'data-testid': 'vote-close-confirm' } as ButtonProps}>
              <Button loading={closer.isPending} data-testid="vote-close" style={{ alignSelf: 'flex-start' }}>{t('vote.close')}</Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      {tally && (
        <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="vote-tally" data-passed={tally.passed ? 'yes' : 'no'}>
          <Flex gap={8} align="center" wrap>
            <Tag color={tally.passed ? 'success' : 'error'} style={{ fontSize: '1.1em', padding: '4px 10px' }}>{t(tally.passed ? 'vote.passed' : 'vote.failed')}</Tag>
            {!tally.quorumMet && <Tag color="warning">{t('vote.noQuorum')}</Tag>}
            <Typography.Text strong data-testid="vote-tally-counts">{t('vote.result', { yes: tally.yes, no: tally.no, abstain: tally.abstain })}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary">{t('vote.rule', { total: tally.shouldAttend, present: tally.present, needed: tally.needed })}</Typography.Text>
          {v.openChoices && v.openChoices.length > 0 && (
            <Typography.Text type="secondary">
              {t('vote.openChoices')}：{v.openChoices.map((c) => `${c.name}（${t(`vote.choice.${c.choice}`)}）`).join('、')}
            </Typography.Text>
          )}
          {mine?.cast && <Typography.Text type="secondary">{mine.choice ? t('vote.cast.doneChoice', { choice: t(`vote.choice.${mine.choice}`) }) : t('vote.cast.done')}</Typography.Text>}
        </Flex>
      )}
    </div>
  );
}
