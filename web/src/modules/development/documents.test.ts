import { describe, expect, it } from 'vitest';
import { documentContentType, formatBytes, titleFromFileName, uploadFileName } from './documents';

describe('development document uploads', () => {
  it('declares the browser type when it is one the server takes, else the extension says', () => {
    expect(documentContentType({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(documentContentType({ name: '扫描.JPG', type: '' })).toBe('image/jpeg');
    expect(documentContentType({ name: 'x.png', type: 'application/octet-stream' })).toBe('image/png');
    // Anything else goes as the browser said: the server answers 415 with its own message.
    expect(documentContentType({ name: 'x.heic', type: 'image/heic' })).toBe('image/heic');
    expect(documentContentType({ name: 'noext', type: '' })).toBe('application/octet-stream');
  });

  it('titles a document by its file name without the extension, within 100 characters', () => {
    expect(titleFromFileName('入党申请书.pdf')).toBe('入党申请书');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
    expect(titleFromFileName(`${'思'.repeat(150)}.pdf`)).toHaveLength(100);
  });

  it('shortens a long file name to 200 characters keeping the extension', () => {
    const long = `${'材'.repeat(250)}.pdf`;
    expect(uploadFileName(long)).toHaveLength(200);
    expect(uploadFileName(long).endsWith('.pdf')).toBe(true);
    expect(uploadFileName('短.png')).toBe('短.png');
  });

  it('writes sizes as people read them', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(350 * 1024)).toBe('350 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});
