import yauzl from 'yauzl';

/**
 * What a file is, judged by its bytes (never by its name or the type the browser declared): the first bytes of
 * PDF, JPEG, PNG, WebP, MP4/M4A and MP3, UTF-8 text without control characters, and for .docx/.xlsx a ZIP whose
 * entries are those of a Word document or an Excel workbook.
 */
export type FileKind = 'pdf' | 'image' | 'video' | 'audio' | 'text' | 'docx' | 'xlsx';

export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  text: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type StoredContentType = (typeof CONTENT_TYPES)[keyof typeof CONTENT_TYPES];

export interface Detected { kind: FileKind; contentType: StoredContentType }

export const KIND_NAMES: Record<FileKind, { zh: string; en: string }> = {
  pdf: { zh: 'PDF', en: 'PDF' },
  image: { zh: '图片（JPEG、PNG、WebP）', en: 'image (JPEG, PNG, WebP)' },
  video: { zh: '视频（MP4）', en: 'video (MP4)' },
  audio: { zh: '音频（MP3、M4A）', en: 'audio (MP3, M4A)' },
  text: { zh: '纯文本（UTF-8）', en: 'plain text (UTF-8)' },
  docx: { zh: 'Word 文档（.docx）', en: 'Word document (.docx)' },
  xlsx: { zh: 'Excel 工作簿（.xlsx）', en: 'Excel workbook (.xlsx)' },
};

const MB = 1024 * 1024;
/** Largest file of each kind, in bytes (platform defaults; FILES_MAX_MB_<KIND> overrides one, see config.ts). */
export const DEFAULT_LIMITS: Record<FileKind, number> = {
  pdf: 50 * MB, image: 10 * MB, video: 1024 * MB, audio: 200 * MB, text: 2 * MB, docx: 20 * MB, xlsx: 20 * MB,
};
export type FileLimits = Record<FileKind, number>;

/** How many leading bytes detection needs (the spool keeps at least this many). */
export const HEAD_BYTES = 4096;

const MP4_AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'F4A ']);

/** The kind by leading bytes alone; ZIP containers and text need more (see detectFile). */
export function sniffHead(head: Buffer): Detected | 'zip' | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (ascii(0, 5) === '%PDF-') return { kind: 'pdf', contentType: CONTENT_TYPES.pdf };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: 'image', contentType: CONTENT_TYPES.jpeg };
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { kind: 'image', contentType: CONTENT_TYPES.png };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { kind: 'image', contentType: CONTENT_TYPES.webp };
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    return MP4_AUDIO_BRANDS.has(brand) ? { kind: 'audio', contentType: CONTENT_TYPES.m4a } : { kind: 'video', contentType: CONTENT_TYPES.mp4 };
  }
  if (ascii(0, 3) === 'ID3') return { kind: 'audio', contentType: CONTENT_TYPES.mp3 };
  // An MPEG audio frame: 11 sync bits, then a version and layer that exist (MPEG-1/2/2.5, layer III).
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) === 0x02 && (head[1]! & 0x18) !== 0x08) {
    return { kind: 'audio', contentType: CONTENT_TYPES.mp3 };
  }
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (looksLikeText(head, false)) return { kind: 'text', contentType: CONTENT_TYPES.text };
  return null;
}

/**
 * UTF-8 without NUL or control characters other than tab, newlines and form feed. `complete` false: the buffer may
 * end in the middle of a character (a head), which is not held against it.
 */
export function looksLikeText(buf: Buffer, complete: boolean): boolean {
  if (buf.length === 0) return false;
  let b = buf;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  if (!complete) {
    // Drop a character cut off at the end (up to 3 continuation bytes).
    let cut = b.length;
    for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
      const c = b[i]!;
      if ((c & 0xc0) === 0x80) continue;
      if (c >= 0xc0) cut = i;
      break;
    }
    b = b.subarray(0, cut);
  }
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s);
}

/** The names of a ZIP file's entries (central directory only: nothing is decompressed). */
export function zipEntryNames(file: string, max = 10_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        if (names.length >= max) { zip.close(); resolve(names); } else zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The kind of a whole spooled file: its head, and for a ZIP its entries; text must be UTF-8 throughout. */
export async function detectFile(file: string, head: Buffer, size: number, readAll: () => Promise<Buffer>): Promise<Detected | null> {
  const h = sniffHead(head);
  if (h === 'zip') {
    let names: string[];
    try {
      names = await zipEntryNames(file);
    } catch {
      return null;
    }
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return { kind: 'docx', contentType: CONTENT_TYPES.docx };
    if (names.includes('xl/workbook.xml')) return { kind: 'xlsx', contentType: CONTENT_TYPES.xlsx };
    return null;
  }
  if (h?.kind === 'text' && size > head.length) {
    // Text is small (2 MB by default): the whole of it must decode, not only its head.
    if (size > DEFAULT_LIMITS.text * 4 || !looksLikeText(await readAll(), true)) return null;
  }
  return h;
}
