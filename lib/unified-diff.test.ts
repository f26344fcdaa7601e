import { describe, expect, it } from 'vitest';
import { diffLineText, parseUnifiedDiff, splitRows } from './unified-diff';

const DIFF = [
  'diff --git a/src/x.ts b/src/x.ts',
  'index 1..2 100644',
  '--- a/src/x.ts',
  '+++ b/src/x.ts',
  '@@ -1,2 +1,2 @@',
  ' keep',
  '-old',
  '+new',
].join('\n');

describe('diffLineText', () => {
  it('prints added and deleted lines with their sign in both views, so colour is not the only cue', () => {
    const [file] = parseUnifiedDiff(DIFF);
    const body = file!.lines.filter((l) => l.kind !== 'meta');
    expect(body.map(diffLineText)).toEqual(['@@ -1,2 +1,2 @@', ' keep', '-old', '+new']);
    const changed = splitRows(body).find((r) => r.left?.kind === 'del');
    expect(changed && [diffLineText(changed.left!), diffLineText(changed.right!)]).toEqual(['-old', '+new']);
  });
});
