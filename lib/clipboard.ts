/**
 * Puts text on the clipboard. The Clipboard API needs a secure context (the console on
 * 127.0.0.1 is one; behind a plain-HTTP proxy on another name it is not), so it falls back
 * to the older copy command on a hidden textarea. Resolves false when neither worked.
 */
export async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard !== undefined && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: try the copy command below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } finally {
    area.remove();
    before?.focus();
  }
  return copied;
}
