/**
 * RFC 6266 `Content-Disposition` with an RFC 5987 `filename*` for the real (UTF-8) name and an ASCII fallback for
 * clients that do not read it: `入党申请书.pdf` downloads under its name, not as `_____.pdf`.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function attachmentDisposition(fileName: string): string {
  return contentDisposition('attachment', fileName);
}

/** The name as the user's computer had it: no path (some browsers send one), no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return [...(name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(-200).join('');
}
