/**
 * Joins byte chunks into one array. Shared by the server's output batcher and the
 * browser's write coalescer; a single chunk is returned as is (no copy).
 */
export function concatBytes(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(totalBytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
