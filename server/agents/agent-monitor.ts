import { open, stat } from 'node:fs/promises';
import type { AgentStatus } from '../../protocol/agent';
import type { SessionId } from '../../protocol/ids';
import type { SessionHost } from '../sessions/session-host';
import type { AgentAdapter } from './agent-adapter';
import { hookFacts, readHook } from './hook-events';
import { readTranscriptState } from './transcript-state';
import { lastMeaningfulLine, readScreen, readTitle, STATUS_CHROME } from './screen-rules/screen-rule-set';
import { DEFAULT_FUSION, StateFusion, type FusionOptions } from './state-fusion';
import { sameStatusBesidesLine } from './agent-status';

/**
 * Watches one agent session and keeps its fused status: polls the session's output counter,
 * reads the mirror's rendered screen and title when output moved (or every second, so a
 * screen that changes with no output is still seen), takes hook reports as they arrive,
 * and reports every change of status. The I/O shell around StateFusion.
 */
export interface AgentMonitorOptions {
  host: SessionHost;
  sessionId: SessionId;
  adapter: AgentAdapter;
  onStatus: (status: AgentStatus) => void;
  /** Output counter poll interval: the floor of screen-based detection latency. */
  pollMs?: number;
  fusion?: FusionOptions;
  now?: () => number;
}

const DEFAULT_POLL_MS = 100;
const SCREEN_REFRESH_MS = 1000;
/** Enough of a transcript's end for its last few entries (a tool result can be long). */
const TRANSCRIPT_TAIL_BYTES = 64 * 1024;
/** How late a question's hook may trail the screen (measured 0.1-0.5 s; margin for load). */
const LATE_QUESTION_MS = 3000;
/** Longest a CLI takes from its ready screen to taking a command-line prompt. */
const FIRST_PROMPT_GRACE_MS = 15_000;

export class AgentMonitor {
  private readonly fusion: StateFusion;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private lastBytes = -1;
  private lastOutputAt: number;
  private lastScreenAt = 0;
  private reading = false;
  private status: AgentStatus;
  private screenText = '';
  /** The screen's last meaningful line, worked out when the screen is read (not per poll). */
  private screenLine = '';
  private stopped = false;
  private seenWork = false;
  private lastHookState: 'busy' | 'idle' | 'waiting' | null = null;
  private transcriptSize = -1;
  private screenLeftWaitingAt = Number.NEGATIVE_INFINITY;
  private stopInfo: { message: string | null; transcriptPath: string | null } = { message: null, transcriptPath: null };
  private readonly startedAt: number;
  private readonly waiters = new Set<() => void>();
  /** Counts UserPromptSubmit hooks, so a prompt delivery can tell its own submit. */
  submits = 0;
  /** The session's output counter at the last poll. */
  outputBytes = 0;

  constructor(private readonly options: AgentMonitorOptions) {
    this.now = options.now ?? Date.now;
    const t = this.now();
    this.fusion = new StateFusion(t, options.fusion ?? DEFAULT_FUSION);
    this.lastOutputAt = t;
    this.startedAt = t;
    this.status = { ...this.fusion.fuse(t), lastLine: '' };
  }

  start(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.wake();
  }

  current(): AgentStatus {
    return this.status;
  }

  screen(): string {
    return this.screenText;
  }

  /** A hook report from this agent's CLI (already authenticated by the caller). */
  /** What the agent said when its last turn stopped, and its transcript (Claude's Stop hook). */
  lastStop(): { message: string | null; transcriptPath: string | null } {
    return this.stopInfo;
  }

  hook(payload: Record<string, unknown>): void {
    const facts = hookFacts(payload);
    if (facts.transcriptPath !== null) this.stopInfo = { ...this.stopInfo, transcriptPath: facts.transcriptPath };
    if (facts.event === 'UserPromptSubmit') this.stopInfo = { ...this.stopInfo, message: null };
    if (facts.event === 'Stop') {
      const message = payload['last_assistant_message'];
      this.stopInfo = { ...this.stopInfo, message: typeof message === 'string' ? message : null };
    }
    const reading = readHook(payload);
    if (reading.kind === 'ignore') return;
    if (reading.submitted) this.submits += 1;
    // Each hook runs in its own process, so a tool hook can arrive after a later event
    // (a PreToolUse after the permission prompt is on screen, a PostToolUse after Stop).
    // Tool hooks only say "busy" when they move the agent on from a question it was
    // waiting on; the prompt, the question and the stop are the hooks' state changes.
    const toolHook = facts.event === 'PreToolUse' || facts.event === 'PostToolUse';
    if (toolHook && !(facts.event === 'PostToolUse' && this.lastHookState === 'waiting')) return;
    // A question answered within a moment of appearing: its PermissionRequest hook can land
    // after the screen already moved on, and must not reopen it.
    if (reading.state === 'waiting' && this.now() - this.screenLeftWaitingAt < LATE_QUESTION_MS) return;
    this.lastHookState = reading.state;
    this.fusion.event('hook', reading.state, this.now(), reading.waiting);
    this.publish();
    // The screen holds the choices the hook does not carry: read it now.
    if (reading.state === 'waiting') void this.readScreenNow();
  }

  /**
   * A prompt went in and was confirmed by output after its Enter. An agent without hooks
   * says nothing when a turn starts, and a command quicker than one screen poll never shows
   * a busy screen: the task stayed idle, so its turn never ended (no verification, no turn
   * counted). The screen reading turns busy as of now; the next read of an idle screen ends
   * the turn after the usual idle settle.
   */
  turnStarted(): void {
    this.fusion.observe('screen', 'busy', this.now());
    this.publish();
    void this.readScreenNow();
  }

  exited(exitCode: number | null): void {
    this.fusion.exited(exitCode, this.now());
    this.publish();
  }

  /** Resolves when `test` holds for the status, or false after `timeoutMs`. */
  waitFor(test: (s: AgentStatus, m: AgentMonitor) => boolean, timeoutMs: number): Promise<boolean> {
    if (test(this.status, this)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.stopped || test(this.status, this)) finish(!this.stopped || test(this.status, this));
      };
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(test(this.status, this)), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Reads the screen at once (after an action whose effect should show). */
  async readScreenNow(): Promise<void> {
    await this.readScreen(true);
  }

  private async poll(): Promise<void> {
    if (this.reading || this.stopped) return;
    this.reading = true;
    try {
      const info = await this.options.host.request({ type: 'get', id: this.options.sessionId });
      if (!info.ok) return;
      const t = this.now();
      if (info.value.outputBytes !== this.lastBytes) {
        this.lastBytes = info.value.outputBytes;
        this.outputBytes = info.value.outputBytes;
        this.lastOutputAt = t;
        await this.readScreen(false);
      } else if (t - this.lastScreenAt >= SCREEN_REFRESH_MS) {
        await this.readScreen(false);
      }
      await this.readTranscript(t);
      const quiet = this.options.adapter.quietMs;
      if (quiet !== null) this.fusion.observe('silence', t - this.lastOutputAt >= quiet ? 'idle' : 'busy', t);
      this.publish();
    } finally {
      this.reading = false;
    }
  }

  /** The transcript the hooks named: read its tail when it grew. */
  private async readTranscript(now: number): Promise<void> {
    const path = this.stopInfo.transcriptPath;
    if (path === null) return;
    try {
      const { size } = await stat(path);
      if (size === this.transcriptSize) return;
      this.transcriptSize = size;
      const handle = await open(path, 'r');
      try {
        const length = Math.min(size, TRANSCRIPT_TAIL_BYTES);
        const buf = Buffer.alloc(length);
        await handle.read(buf, 0, length, size - length);
        const state = readTranscriptState(buf.toString('utf8'));
        if (state !== null) this.fusion.observe('transcript', state, now);
      } finally {
        await handle.close();
      }
    } catch {
      // Not written yet, or gone with its HOME: the other signals carry on.
    }
  }

  private async readScreen(publish: boolean): Promise<void> {
    const screen = await this.options.host.request({ type: 'screen', id: this.options.sessionId });
    if (!screen.ok || this.stopped) return;
    const t = this.now();
    this.lastScreenAt = t;
    if (screen.value.text !== this.screenText) {
      this.screenText = screen.value.text;
      this.screenLine = lastMeaningfulLine(this.screenText, STATUS_CHROME);
    }
    const rules = this.options.adapter.screenRules;
    const byScreen = readScreen(screen.value.text, rules);
    if (byScreen !== null) {
      if (this.fusion.reading('screen')?.state === 'waiting' && byScreen.state !== 'waiting') this.screenLeftWaitingAt = t;
      this.fusion.observe('screen', byScreen.state, t, byScreen.waiting);
    } else {
      this.fusion.noOpinion('screen');
    }
    const byTitle = readTitle(screen.value.title, rules);
    if (byTitle !== null) this.fusion.observe('title', byTitle, t);
    if (publish) this.publish();
  }

  private publish(): void {
    const t = this.now();
    let fused = this.fusion.fuse(t);
    if (fused.state === 'busy' || fused.state === 'waiting') this.seenWork = true;
    // An agent given its first prompt on the command line shows its idle composer for a
    // moment before it takes the prompt: that is still starting, not a finished turn.
    if (
      fused.state === 'idle' &&
      !this.seenWork &&
      this.options.adapter.initialPrompt === 'arg' &&
      t - this.startedAt < FIRST_PROMPT_GRACE_MS
    ) {
      fused = { ...fused, state: 'starting' };
    }
    const next: AgentStatus = { ...fused, lastLine: this.screenLine };
    if (!sameStatus(this.status, next)) {
      this.status = next;
      this.options.onStatus(next);
    }
    this.wake();
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }
}

function sameStatus(a: AgentStatus, b: AgentStatus): boolean {
  return a.lastLine === b.lastLine && sameStatusBesidesLine(a, b);
}
