import { describe, expect, it } from 'vitest';
import { StateFusion } from './state-fusion';

describe('StateFusion', () => {
  it('is starting until a signal speaks, then follows it', () => {
    const f = new StateFusion(0);
    expect(f.fuse(10).state).toBe('starting');
    f.observe('screen', 'idle', 20);
    expect(f.fuse(30).state).toBe('starting');
    expect(f.fuse(400)).toMatchObject({ state: 'idle', signal: 'screen', since: 20 });
  });

  it('lets a title that turned idle settle first: the permission prompt drawn just after wins', () => {
    const f = new StateFusion(0);
    f.observe('title', 'busy', 100);
    f.observe('title', 'idle', 1000);
    expect(f.fuse(1050).state).toBe('busy');
    f.observe('screen', 'waiting', 1100, { kind: 'permission', question: 'Do you want to create a?', choices: [{ key: '1', label: 'Yes' }] });
    expect(f.fuse(1500).state).toBe('waiting');
  });

  it('lets a newer change of a weaker signal override a stale hook (ESC sends no Stop hook)', () => {
    const f = new StateFusion(0);
    f.event('hook', 'busy', 100);
    f.observe('title', 'busy', 120);
    expect(f.fuse(200)).toMatchObject({ state: 'busy', signal: 'title' });
    f.observe('title', 'idle', 5000);
    expect(f.fuse(5400)).toMatchObject({ state: 'idle', signal: 'title' });
  });

  it('keeps a repeated reading at its first change time, so it does not beat a newer hook', () => {
    const f = new StateFusion(0);
    f.observe('screen', 'busy', 100);
    f.event('hook', 'idle', 200);
    f.observe('screen', 'busy', 300);
    expect(f.fuse(300)).toMatchObject({ state: 'idle', signal: 'hook' });
  });

  it('breaks a tie by priority, except that a question beats a title that cannot show one', () => {
    const f = new StateFusion(0);
    f.observe('title', 'idle', 100);
    f.observe('screen', 'busy', 100);
    expect(f.fuse(500).signal).toBe('title');
    const g = new StateFusion(0);
    const waiting = { kind: 'permission' as const, question: 'Do you want to create a.txt?', choices: [{ key: '1', label: 'Yes' }] };
    g.observe('screen', 'waiting', 100, waiting);
    g.observe('title', 'idle', 100);
    expect(g.fuse(100)).toMatchObject({ state: 'waiting', signal: 'screen', waiting });
  });

  it('consults output silence only when nothing else has an opinion', () => {
    const f = new StateFusion(0);
    f.observe('silence', 'busy', 10);
    expect(f.fuse(20)).toMatchObject({ state: 'busy', signal: 'silence' });
    f.observe('screen', 'waiting', 30);
    f.observe('silence', 'idle', 5000);
    expect(f.fuse(5000).state).toBe('waiting');
  });

  it('makes the process exit final', () => {
    const f = new StateFusion(0);
    f.event('hook', 'busy', 10);
    f.exited(2, 50);
    f.event('hook', 'idle', 60);
    expect(f.fuse(70)).toMatchObject({ state: 'exited', signal: 'process', exitCode: 2 });
  });

  it('flags a continuous signal that contradicts the fused state for too long', () => {
    const f = new StateFusion(0, { disagreeAfterMs: 1000, idleSettleMs: 0 });
    f.observe('screen', 'idle', 0);
    f.event('hook', 'busy', 100);
    expect(f.fuse(200).disagreement).toBeNull();
    expect(f.fuse(1500)).toMatchObject({ state: 'busy', disagreement: { signals: [{ signal: 'screen', state: 'idle' }], since: 200 } });
    f.observe('screen', 'busy', 1600);
    expect(f.fuse(1700).disagreement).toBeNull();
  });

  it('does not flag a screen that has no opinion any more (its last reading is stale)', () => {
    const f = new StateFusion(0, { disagreeAfterMs: 1000, idleSettleMs: 0 });
    f.observe('title', 'busy', 0);
    f.observe('screen', 'busy', 100);
    f.observe('title', 'idle', 5000);
    f.noOpinion('screen');
    expect(f.fuse(5200).state).toBe('idle');
    expect(f.fuse(9000).disagreement).toBeNull();
    // Speaking again, the same stale reading contradicts once more.
    f.observe('screen', 'busy', 9100);
    f.fuse(9200);
    expect(f.fuse(10_300)).toMatchObject({ state: 'idle', disagreement: { signals: [{ signal: 'screen', state: 'busy' }] } });
  });
});

describe('StateFusion waiting details', () => {
  it('keeps the question and choices the screen read when a later hook says only "waiting"', () => {
    const f = new StateFusion(0);
    const onScreen = { kind: 'permission' as const, question: 'Do you want to create a.txt?', choices: [{ key: '1', label: 'Yes' }] };
    f.observe('screen', 'waiting', 100, onScreen);
    f.event('hook', 'waiting', 300, { kind: 'permission', question: 'Claude wants to use Write', choices: [] });
    expect(f.fuse(300)).toMatchObject({ state: 'waiting', signal: 'hook', waiting: onScreen });
  });
});
