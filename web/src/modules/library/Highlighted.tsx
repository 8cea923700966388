/** Text with the search words marked: the server sends segments, so no HTML is built from user text. */
export function Highlighted({ parts, testId }: { parts: readonly { text: string; hit: boolean }[]; testId?: string }) {
  return (
    <span data-testid={testId}>
      {parts.map((p, i) => (p.hit ? <mark key={i} className="zg-hit">{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
