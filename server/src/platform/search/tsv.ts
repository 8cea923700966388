/**
 * tsvector and tsquery values built by the application and passed as literals (`$1::tsvector`): the lexemes are
 * jieba's words, already normalised, so PostgreSQL's text parser — whose treatment of CJK characters depends on the
 * database locale, which differs between PGlite and Debian's PostgreSQL — is never involved. This is what the
 * 'simple' configuration would store for pre-split words: lexemes as given, no stemming, no stop words of its own.
 */
export type Weight = 'A' | 'B' | 'C' | 'D';

/** Positions stop at 16383 (the tsvector limit); a lexeme keeps at most 256 positions. */
const MAX_POS = 16383;

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Parts of a document, each with its weight, in order: positions continue from one part to the next. */
export function tsvectorLiteral(parts: readonly { lexemes: readonly string[]; weight: Weight }[]): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const part of parts) {
    for (const l of part.lexemes) {
      pos = Math.min(pos + 1, MAX_POS);
      const list = positions.get(l) ?? [];
      if (list.length < 256) list.push(`${pos}${part.weight === 'D' ? '' : part.weight}`);
      positions.set(l, list);
    }
    pos = Math.min(pos + 1, MAX_POS); // a gap between parts: a phrase does not run from the title into the body
  }
  return [...positions].map(([l, p]) => `${quote(l)}:${p.join(',')}`).join(' ');
}

/** Every word must match (AND); a word may also be a prefix (`dang:*`). Empty when there is nothing to search. */
export function tsqueryLiteral(lexemes: readonly string[], opts: { prefix?: boolean; any?: boolean } = {}): string {
  return lexemes.map((l) => `${quote(l)}${opts.prefix ? ':*' : ''}`).join(opts.any ? ' | ' : ' & ');
}

/** Terms that must all match, each with alternatives (see queryTerms): ('发展党员' | '发展' & '党员') & '程序'. */
export function tsqueryOfTerms(terms: readonly (readonly (readonly string[])[])[]): string {
  return terms.map((alts) => {
    const options = alts.map((words) => (words.length === 1 ? quote(words[0]!) : `(${words.map(quote).join(' & ')})`));
    return options.length === 1 ? options[0]! : `(${options.join(' | ')})`;
  }).join(' & ');
}
