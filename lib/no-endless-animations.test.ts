import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ADR 0014: nothing on the dashboard animates forever. A frame always pending makes
 * Chromium hold every keystroke's echo back to the next frame, for every pane. The e2e
 * test of a waiting task checks the running page; this checks the sources, so a spinner
 * added anywhere fails here first.
 */
const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['app', 'components', 'lib'];
/** Tailwind's stock animations all repeat forever; so does an arbitrary one that says so. */
const ENDLESS_UTILITY = /\banimate-(spin|ping|pulse|bounce)(?![\w-])|animate-\[[^\]]*infinite/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(tsx?|css)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const files = SOURCE_DIRS.flatMap((d) => sources(join(ROOT, d)));

describe('animations (ADR 0014)', () => {
  it('no source uses an animation utility that repeats forever', () => {
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (ENDLESS_UTILITY.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("the stylesheet's own animations have a finite iteration count", () => {
    const css = readFileSync(join(ROOT, 'app/globals.css'), 'utf8');
    const declared = [...css.matchAll(/--animate-[\w-]+:\s*([^;]+);/g)].map((m) => m[1]!.trim());
    expect(declared.length).toBeGreaterThan(0);
    for (const value of declared) {
      expect(value, value).not.toMatch(/\binfinite\b/);
    }
    expect(css).not.toMatch(/animation(-iteration-count)?:[^;]*\binfinite\b/);
  });
});
