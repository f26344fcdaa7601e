import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { steeringConfigPatchSchema, type SteeringConfig } from '../../protocol/steering';
import { DEFAULT_STEERING_CONFIG } from './steering-config';
import { applyConfigPatch, configOverrides, loadSteeringConfig, saveSteeringConfig } from './steering-config-store';

/** Changing the rules' settings: the patch schema, the merge, and the file that keeps them. */
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'axiom-steering-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const parse = (raw: unknown) => steeringConfigPatchSchema.safeParse(raw);
const applied = (config: SteeringConfig, raw: unknown) => {
  const p = parse(raw);
  if (!p.success) throw new Error(p.error.message);
  return applyConfigPatch(config, p.data);
};

describe('the config patch schema', () => {
  it('takes per-rule partial settings', () => {
    expect(parse({ 'repeated-error': { thresholds: { repeats: 5 } }, 'todo-stubs': { enabled: false } }).success).toBe(true);
    expect(parse({}).success).toBe(true);
  });

  it('refuses unknown rules and fields, negative or non-finite thresholds, and empty or too long messages', () => {
    expect(parse({ 'no-such-rule': { enabled: false } }).success).toBe(false);
    expect(parse({ 'todo-stubs': { enabled: false, colour: 'red' } }).success).toBe(false);
    expect(parse({ 'repeated-error': { thresholds: { repeats: -1 } } }).success).toBe(false);
    expect(parse({ 'repeated-error': { thresholds: { repeats: '3' } } }).success).toBe(false);
    expect(parse({ 'repeated-error': { thresholds: { repeats: Number.POSITIVE_INFINITY } } }).success).toBe(false);
    expect(parse({ 'todo-stubs': { message: '   ' } }).success).toBe(false);
    expect(parse({ 'todo-stubs': { message: 'x'.repeat(2001) } }).success).toBe(false);
    expect(parse({ 'todo-stubs': { message: 'x'.repeat(2000) } }).success).toBe(true);
    expect(parse([]).success).toBe(false);
    expect(parse(null).success).toBe(false);
  });
});

describe('applyConfigPatch', () => {
  it('changes only the fields given, and never the config it was given', () => {
    const before = structuredClone(DEFAULT_STEERING_CONFIG);
    const r = applied(DEFAULT_STEERING_CONFIG, { 'planning-without-code': { enabled: false, thresholds: { minPhrases: 2 } }, 'todo-stubs': { message: 'Finish {files}.' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value['planning-without-code']).toEqual({ ...before['planning-without-code'], enabled: false, thresholds: { minPhrases: 2, maxFilesChanged: 0 } });
    expect(r.value['todo-stubs']).toEqual({ ...before['todo-stubs'], message: 'Finish {files}.' });
    expect(r.value['repeated-error']).toEqual(before['repeated-error']);
    expect(DEFAULT_STEERING_CONFIG).toEqual(before);
  });

  it('refuses a threshold the rule does not have, naming the ones it has', () => {
    const r = applied(DEFAULT_STEERING_CONFIG, { 'waiting-too-long': { thresholds: { waitSecs: 5 } } });
    expect(r).toEqual({ ok: false, error: { code: 'invalid:payload', message: 'waiting-too-long: unknown threshold "waitSecs" (the rule has waitSeconds)' } });
    const none = applied(DEFAULT_STEERING_CONFIG, { 'budget-exceeded': { thresholds: { x: 1 } } });
    expect(!none.ok && none.error.message).toMatch(/has no thresholds/);
  });

  it('accepts 0 as a threshold (e.g. notify at once)', () => {
    const r = applied(DEFAULT_STEERING_CONFIG, { 'waiting-too-long': { thresholds: { waitSeconds: 0 } } });
    expect(r.ok && r.value['waiting-too-long'].thresholds).toEqual({ waitSeconds: 0 });
  });
});

describe('the steering.json file', () => {
  it('holds only what differs from the defaults', () => {
    const r = applied(DEFAULT_STEERING_CONFIG, { 'silent-while-busy': { enabled: false, thresholds: { silentSeconds: 180 } }, 'repeated-error': { thresholds: { repeats: 4 } } });
    expect(r.ok && configOverrides(r.value)).toEqual({ 'silent-while-busy': { enabled: false }, 'repeated-error': { thresholds: { repeats: 4 } } });
    expect(configOverrides(DEFAULT_STEERING_CONFIG)).toEqual({});
  });

  it('is written atomically, readable only by its owner, and loads back as the same config', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'steering.json'), '{"todo-stubs": {"enabled": false}}');
    const r = applied(loadSteeringConfig(dir, () => undefined), { 'planning-without-code': { enabled: false }, 'child-finished': { message: 'Use {child}.' } });
    if (!r.ok) throw new Error(r.error.message);
    const path = saveSteeringConfig(dir, r.value);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['steering.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      'planning-without-code': { enabled: false },
      'todo-stubs': { enabled: false },
      'child-finished': { message: 'Use {child}.' },
    });
    const errors: string[] = [];
    expect(loadSteeringConfig(dir, (m) => errors.push(m))).toEqual(r.value);
    expect(errors).toEqual([]);
  });

  it('creates the data folder when it is missing, and leaves no temp file when the write fails', () => {
    const dir = join(tempDir(), 'nested', 'data');
    saveSteeringConfig(dir, DEFAULT_STEERING_CONFIG);
    expect(readFileSync(join(dir, 'steering.json'), 'utf8')).toBe('{}\n');
    const blocked = tempDir();
    // A folder where the file should be: the rename fails, the temp file is cleaned up.
    rmSync(blocked, { recursive: true });
    dirs.push(blocked);
    saveSteeringConfig(join(blocked, 'steering.json'), DEFAULT_STEERING_CONFIG);
    expect(() => saveSteeringConfig(blocked, DEFAULT_STEERING_CONFIG)).toThrow();
    expect(readdirSync(blocked)).toEqual(['steering.json']);
  });

  it('applies a hand-edited file with the same checks as a change from the UI, rule by rule', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'steering.json'),
      JSON.stringify({
        'todo-stubs': { enabled: false },
        'waiting-too-long': { thresholds: { waitSecs: 5 } },
        'repeated-error': { thresholds: { repeats: -1 } },
        'silent-while-busy': { enabled: 'no' },
        'no-such-rule': { enabled: false },
        'child-finished': { message: 'Use {child}.' },
      }),
    );
    const errors: string[] = [];
    const config = loadSteeringConfig(dir, (m) => errors.push(m));
    expect(config['todo-stubs'].enabled).toBe(false);
    expect(config['child-finished'].message).toBe('Use {child}.');
    expect(config['waiting-too-long']).toEqual(DEFAULT_STEERING_CONFIG['waiting-too-long']);
    expect(config['repeated-error']).toEqual(DEFAULT_STEERING_CONFIG['repeated-error']);
    expect(config['silent-while-busy']).toEqual(DEFAULT_STEERING_CONFIG['silent-while-busy']);
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/waiting-too-long ignored: .*unknown threshold "waitSecs"/);
    expect(errors.join('\n')).toMatch(/repeated-error ignored: thresholds\.repeats/);
    expect(errors.join('\n')).toMatch(/silent-while-busy ignored: enabled/);
    expect(errors.join('\n')).toMatch(/unknown rule "no-such-rule"/);
  });

  it('falls back to the defaults, and says why, for a file that is not JSON or not an object', () => {
    const dir = tempDir();
    for (const text of ['{', '[1]', '"x"']) {
      writeFileSync(join(dir, 'steering.json'), text);
      const errors: string[] = [];
      expect(loadSteeringConfig(dir, (m) => errors.push(m))).toEqual(DEFAULT_STEERING_CONFIG);
      expect(errors).toHaveLength(1);
    }
  });
});

