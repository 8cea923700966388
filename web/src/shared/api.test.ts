import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './api';

describe('download file names', () => {
  it('prefers the UTF-8 name over the ASCII stand-in', () => {
    expect(fileNameFromDisposition(`attachment; filename="____.pdf"; filename*=UTF-8''%E6%94%BF%E5%AE%A1%E6%9D%90%E6%96%99.pdf`)).toBe('政审材料.pdf');
  });
  it('takes the plain name when there is no UTF-8 one, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="audit-2026-11-30.csv"')).toBe('audit-2026-11-30.csv');
    expect(fileNameFromDisposition('attachment; filename=my-record.json')).toBe('my-record.json');
  });
  it('gives null without a name, and survives a malformed UTF-8 name', () => {
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(`attachment; filename="x.xlsx"; filename*=UTF-8''%E6%ZZ`)).toBe('x.xlsx');
  });
});
