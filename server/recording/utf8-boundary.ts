/**
 * Where a byte chunk stops being whole UTF-8 characters: the length of its longest prefix
 * that does not end inside a multi-byte character. The bytes after it (at most 3) are the
 * start of a character whose continuation bytes are still to come.
 *
 * Only a valid start is held back (a lead byte followed by fewer continuation bytes than it
 * announces); anything else is left in, for the decoder to replace, so an invalid byte can
 * never be held forever.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const len = bytes.byteLength;
  for (let i = len - 1; i >= 0 && i >= len - 3; i -= 1) {
    const b = bytes[i] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
    return len - i < need ? i : len;
  }
  return len;
}
