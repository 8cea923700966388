import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Select, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/preferences';
import type { DevDocument } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { DOCUMENT_ACCEPT, formatBytes, MAX_DOCUMENT_BYTES, titleFromFileName, uploadDocument } from './documents';
import { devKeys } from './queries';

/** A document of the step being recorded: its title and 文号, and the uploaded file it cites, if any. */
export interface DocumentValue { title: string; number?: string; documentId?: string }

/**
 * The file of one document row: uploads at once (with progress), so the step form can be filled in meanwhile; the
 * value is the uploaded file's id, which the step cites when it is recorded. The server's refusals (413, 415, 400)
 * go under the field.
 */
function DocumentFile({ personId, row, known, onBusy, value, onChange }: {
  personId: string;
  row: number;
  known: ReadonlyMap<string, DevDocument>;
  onBusy: (busy: boolean) => void;
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const form = Form.useFormInstance();
  const field = ['documents', row, 'documentId'];
  const [files, setFiles] = useState<UploadFile[]>(() => {
    const d = value !== undefined ? known.get(value) : undefined;
    return d ? [{ uid: d.id, name: d.fileName, status: 'done', size: d.size }] : [];
  });
  const abort = useRef<(() => void) | null>(null);
  // The title this control filled in from a file name: a later file replaces it, a typed title stays.
  const autoTitle = useRef<string | null>(null);
  useEffect(() => () => abort.current?.(), []);
  const showError = (message: string) => form.setFields([{ name: field, errors: [message] }]);
  return (
    <Upload
      accept={DOCUMENT_ACCEPT}
      maxCount={1}
      fileList={files}
      data-testid="dev-form-document-upload"
      beforeUpload={(file) => {
        if (file.size > MAX_DOCUMENT_BYTES) {
          showError(t('dev.doc.tooLarge', { size: formatBytes(file.size) }));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const f = file as File;
        const titlePath = ['documents', row, 'title'];
        const typed = String(form.getFieldValue(titlePath) ?? '').trim();
        const fromName = typed === '' || typed === autoTitle.current;
        const title = fromName ? titleFromFileName(f.name) : typed;
        if (fromName) {
          autoTitle.current = title;
          form.setFieldValue(titlePath, title);
        }
        form.setFields([{ name: field, errors: [] }]);
        onChange?.(undefined);
        const up = uploadDocument(personId, f, title, (percent) => onProgress?.({ percent }));
        abort.current = up.abort;
        onBusy(true);
        up.done.finally(() => onBusy(false)).then((doc) => {
          onSuccess?.(doc);
          onChange?.(doc.id);
          // The 材料 section lists the new file (not yet attached to a step).
          void qc.invalidateQueries({ queryKey: devKeys.record(personId) });
        }, (err: unknown) => {
          const message = errorText(err, t);
          onError?.(new Error(message));
          showError(message);
        });
      }}
      onChange={({ fileList }) => setFiles(fileList.map((f) => (f.status === 'error' ? { ...f, response: f.error?.message } : f)))}
      onRemove={() => {
        abort.current?.();
        onChange?.(undefined);
        form.setFields([{ name: field, errors: [] }]);
        return true;
      }}
      showUploadList={{ showRemoveIcon: true, showDownloadIcon: false, showPreviewIcon: false }}
    >
      {files.length === 0 && (
        <Button icon={<UploadOutlined />} data-testid="dev-form-document-choose">{t('dev.doc.choose')}</Button>
      )}
    </Upload>
  );
}

/** The documents list of the step form (Form.List `documents`): title, 文号, and a file uploaded or chosen from the record. */
export function StepDocuments({ personId, documents }: { personId: string; documents: readonly DevDocument[] }) {
  const t = useT();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch('documents', form) ?? []) as (DocumentValue | undefined)[];
  const known = new Map(documents.map((d) => [d.id, d]));
  const cited = new Set(rows.map((r) => r?.documentId).filter((x): x is string => x !== undefined));
  // Files uploaded earlier (e.g. for a step that was then refused) and not yet cited by any step.
  const loose = documents.filter((d) => d.stepId === null && !cited.has(d.id));
  // Rows (by key) whose file is still on its way: the step waits for it rather than being recorded without it.
  const busy = useRef(new Set<number>());
  return (
    <Form.List name="documents">
      {(fields, { add, remove }) => (
        <Form.Item label={t('dev.form.documents')} extra={t('dev.doc.hint')} style={{ marginBottom: 16 }}>
          <Flex vertical gap={12}>
            {fields.map((f) => (
              <div key={f.key} className="zg-dev-doc-row" data-testid="dev-form-document-row">
                <Flex gap={8} align="start">
                  <Form.Item name={[f.name, 'title']} style={{ flex: '1 1 auto', minWidth: 0, marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('dev.doc.titleRequired') }, { max: 100 }]}>
                    <Input placeholder={t('dev.form.docTitle')} maxLength={100} data-testid="dev-form-document-title" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} style={{ flex: '0 1 140px', minWidth: 0, marginBottom: 0 }} rules={[{ max: 50 }]}>
                    <Input placeholder={t('dev.form.docNumber')} maxLength={50} data-testid="dev-form-document-number" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} aria-label={t('dev.doc.removeRow')} title={t('dev.doc.removeRow')} icon={<DeleteOutlined />} data-testid="dev-form-document-remove" />
                </Flex>
                <Form.Item
                  name={[f.name, 'documentId']}
                  style={{ marginTop: 6, marginBottom: 0 }}
                  data-testid="dev-form-document-file"
                  // Checked when the step is submitted, not while the file is on its way.
                  validateTrigger={[]}
                  rules={[{ validator: () => (busy.current.has(f.key) ? Promise.reject(new Error(t('dev.doc.stillUploading'))) : Promise.resolve()) }]}
                >
                  <DocumentFile
                    personId={personId}
                    row={f.name}
                    known={known}
                    onBusy={(b) => {
                      if (b) busy.current.add(f.key);
                      else busy.current.delete(f.key);
                    }}
                  />
                </Form.Item>
              </div>
            ))}
            <Flex gap={8} wrap>
              <Button type="dashed" icon={<PaperClipOutlined />} onClick={() => add({ title: '', number: '' })} data-testid="dev-form-add-document">
                {t('dev.form.addDocument')}
              </Button>
              {loose.length > 0 && (
                <Select<string>
                  value={null}
                  placeholder={t('dev.doc.citeUploaded', { count: loose.length })}
                  style={{ minWidth: 220 }}
                  data-testid="dev-form-document-existing"
                  onChange={(id) => {
                    const d = known.get(id);
                    if (d) add({ title: d.title, number: '', documentId: d.id });
                  }}
                  options={loose.map((d) => ({ value: d.id, label: `${d.title}（${d.fileName}）` }))}
                />
              )}
            </Flex>
            {fields.length === 0 && <Typography.Text type="secondary">{t('dev.doc.none')}</Typography.Text>}
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}
