import sanitizeHtml from 'sanitize-html';

/**
 * Articles are rich text stored as HTML that the server has cleaned: headings, paragraphs, lists, quotes, emphasis,
 * tables and links (http, https, mailto and the app's own paths, opened with rel=noopener); no scripts, styles,
 * event handlers, iframes or images from elsewhere. The screen can then render it as it is.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'code', 'span'],
  allowedAttributes: { a: ['href', 'title'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' } }),
  },
  disallowedTagsMode: 'discard',
};
OPTIONS.allowedAttributes = { ...(OPTIONS.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel', 'target'] };

export function sanitizeArticle(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The article's text for indexing and quoting: block elements become line breaks, entities decoded. */
export function articleText(html: string): string {
  const withBreaks = html.replace(/<\s*(br|\/p|\/h[1-6]|\/li|\/blockquote|\/tr|\/pre|hr)[^>]*>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim()).filter((l) => l !== '').join('\n');
}

/** Plain text typed as paragraphs (one per line) to article HTML. */
export function paragraphsToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => `<p>${esc(l)}</p>`).join('');
}
