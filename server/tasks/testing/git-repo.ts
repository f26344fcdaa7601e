import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A real git repository for task tests, with `files` (path → content) in one commit: a
 * worktree holds tracked files only, and a repository without a commit has no HEAD to
 * branch from (it counts as a plain folder). Returns the repository and a git runner in it.
 */
export function makeGitRepo(dir: string, files: Record<string, string>): { repo: string; git: (...args: string[]) => string } {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  git('init', '-q');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  return { repo: dir, git };
}
