/**
 * Passages of a long text for retrieval: paragraphs joined up to about `target` characters, a long paragraph cut at
 * sentence ends (。！？；), never mid-sentence unless one sentence alone is too long. Each passage is what a search hit
 * shows and what the assistant quotes, so it should read as a whole.
 */
export function chunkText(text: string, target = 400, max = 800): string[] {
  const paragraphs = text.split(/\n\s*\n|\r?\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  const pieces: string[] = [];
  for (const p of paragraphs) {
    if (p.length <= max) { pieces.push(p); continue; }
    const sentences = p.match(/[^。！？；!?;]+[。！？；!?;”」』]*|[。！？；!?;]+/g) ?? [p];
    let cur = '';
    for (const s of sentences) {
      if (cur.length + s.length > target && cur !== '') { pieces.push(cur); cur = ''; }
      if (s.length > max) {
        for (let i = 0; i < s.length; i += max) pieces.push(s.slice(i, i + max));
        continue;
      }
      cur += s;
    }
    if (cur !== '') pieces.push(cur);
  }
  const out: string[] = [];
  let cur = '';
  for (const p of pieces) {
    if (cur !== '' && cur.length + p.length + 1 > target) { out.push(cur); cur = ''; }
    cur = cur === '' ? p : `${cur}\n${p}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}
