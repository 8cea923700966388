import { DeleteOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Empty, Flex, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { ResponseOf } from '../../shared/api-models';
import { PageHeader } from '../../shared/components/PageHeader';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';

type Message = ResponseOf<'/api/assistant/conversations/{id}', 'get'>['messages'][number];
type Citation = Message['citations'][number];

const keys = { list: ['assistant', 'conversations'] as const, one: (id: string) => ['assistant', 'conversation', id] as const };

/** An answer's text with its [n] markers as links to the cited passage. */
function AnswerText({ text, citations }: { text: string; citations: readonly Citation[] }) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const parts = text.split(/(\[\d{1,2}\])/g);
  return (
    <div style={{ whiteSpace: 'pre-wrap' }} data-testid="assistant-answer-text">
      {parts.map((p, i) => {
        const m = /^\[(\d{1,2})\]$/.exec(p);
        const c = m ? byN.get(Number(m[1])) : undefined;
        return c ? <Link key={i} to={`/library/${c.resourceId}?passage=${c.passageId}`} className="zg-cite" data-testid="assistant-cite">{p}</Link> : <span key={i}>{p}</span>;
      })}
    </div>
  );
}

function Bubble({ m }: { m: Message }) {
  const t = useT();
  if (m.role === 'user') {
    return <Flex justify="flex-end"><div className="zg-bubble zg-bubble-user" data-testid="assistant-question">{m.text}</div></Flex>;
  }
  return (
    <div className="zg-bubble zg-bubble-bot" data-testid="assistant-answer">
      <Tag color={m.mode === 'none' ? 'default' : m.mode === 'model' ? 'purple' : 'red'} style={{ marginBottom: 6 }} data-testid="assistant-mode">
        {t(m.mode === 'model' ? 'assistant.mode.model' : m.mode === 'none' ? 'assistant.mode.none' : 'assistant.mode.extractive')}
      </Tag>
      <AnswerText text={m.text} citations={m.citations} />
      {m.citations.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('assistant.sources')}</Typography.Text>
          <ol className="zg-sources">
            {m.citations.map((c) => (
              <li key={c.n} value={c.n}>
                <Link to={`/library/${c.resourceId}?passage=${c.passageId}`} data-testid="assistant-source">《{c.title}》</Link>
                {c.source && <Typography.Text type="secondary"> {c.source}</Typography.Text>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

export function AssistantPage() {
  const t = useT();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [historyOpen, setHistoryOpen] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const list = useQuery({ queryKey: keys.list, queryFn: () => unwrap(api.GET('/api/assistant/conversations')) });
  const conv = useQuery({ queryKey: keys.one(conversationId ?? ''), queryFn: () => unwrap(api.GET('/api/assistant/conversations/{id}', { params: { path: { id: conversationId! } } })), enabled: conversationId !== null });
  const ask = useMutation({
    mutationFn: (question: string) => unwrap(api.POST('/api/assistant/ask', { body: { question, ...(conversationId ? { conversationId } : {}) } })),
    onSuccess: (r) => {
      setText('');
      setConversationId(r.conversationId);
      void qc.invalidateQueries({ queryKey: keys.one(r.conversationId) });
      void qc.invalidateQueries({ queryKey: keys.list });
    },
    onError: notify.failure,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/assistant/conversations/{id}', { params: { path: { id } } })),
    onSuccess: (_r, id) => { notify.success(t('assistant.deleted')); if (id === conversationId) setConversationId(null); void qc.invalidateQueries({ queryKey: keys.list }); },
    onError: notify.failure,
  });
  const messages = conversationId ? conv.data?.messages ?? [] : [];
  useEffect(() => { bottom.current?.scrollIntoView({ block: 'end' }); }, [messages.length, ask.isPending]);
  const send = (q: string) => { if (q.trim().length >= 2 && !ask.isPending) ask.mutate(q.trim()); };

  const history = (
    <List
      size="small"
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assistant.history.empty')} /> }}
      renderItem={(c) => (
        <List.Item
          data-testid="assistant-history-item"
          style={{ cursor: 'pointer', background: c.id === conversationId ? '#fff1f0' : undefined, paddingInline: 8 }}
          onClick={() => { setConversationId(c.id); setHistoryOpen(false); }}
          actions={[
            <Popconfirm key="d" title={t('assistant.delete.confirm')} onConfirm={(e) => { e?.stopPropagation(); remove.mutate(c.id); }} onCancel={(e) => e?.stopPropagation()}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('assistant.delete')} onClick={(e) => e.stopPropagation()} data-testid="assistant-delete" />
            </Popconfirm>,
          ]}
        >
          <List.Item.Meta title={c.title} description={formatDateTime(c.updatedAt)} />
        </List.Item>
      )}
    />
  );

  return (
    <div>
      <PageHeader
        title={t('assistant.title')}
        subtitle={t('assistant.subtitle')}
        extra={
          <Space>
            {isMobile && <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="assistant-history-open">{t('assistant.history')}</Button>}
            <Button icon={<PlusOutlined />} onClick={() => setConversationId(null)} data-testid="assistant-new">{t('assistant.new')}</Button>
          </Space>
        }
      />
      <Flex gap={16} align="start">
        {!isMobile && <Card size="small" title={t('assistant.history')} style={{ width: 280, flex: 'none' }}>{history}</Card>}
        <Card size="small" style={{ flex: 1, minWidth: 0 }}>
          <div className="zg-chat" data-testid="assistant-chat">
            {messages.length === 0 && !ask.isPending && (
              <Flex vertical align="center" gap={12} style={{ padding: '24px 0' }}>
                <Typography.Text type="secondary" data-testid="assistant-empty">{t('assistant.empty')}</Typography.Text>
                <Flex gap={8} wrap justify="center">
                  {(['assistant.suggest.1', 'assistant.suggest.2', 'assistant.suggest.3'] as const).map((k) => (
                    <Button key={k} shape="round" onClick={() => send(t(k))} data-testid="assistant-suggestion">{t(k)}</Button>
                  ))}
                </Flex>
              </Flex>
            )}
            {messages.map((m) => <Bubble key={m.id} m={m} />)}
            {ask.isPending && (
              <>
                <Flex justify="flex-end"><div className="zg-bubble zg-bubble-user">{ask.variables}</div></Flex>
                <div className="zg-bubble zg-bubble-bot"><Typography.Text type="secondary">{t('assistant.thinking')}</Typography.Text></div>
              </>
            )}
            <div ref={bottom} />
          </div>
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              onPressEnter={(e) => { if (!e.shiftKey) { e.preventDefault(); send(text); } }}
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={300}
              placeholder={t('assistant.placeholder')}
              data-testid="assistant-input"
            />
            <Button type="primary" icon={<SendOutlined />} loading={ask.isPending} onClick={() => send(text)} data-testid="assistant-send">{isMobile ? '' : t('assistant.send')}</Button>
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: '0.9em' }}>{t('assistant.privacy')}</Typography.Text>
        </Card>
      </Flex>
      <Drawer open={historyOpen} onClose={() => setHistoryOpen(false)} title={t('assistant.history')} placement="bottom" height="70%">{history}</Drawer>
    </div>
  );
}
