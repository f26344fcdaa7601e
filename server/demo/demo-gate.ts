import { DEMO_SESSION_NAMES } from './demo-sessions';
import { DEMO_TASKS } from './demo-tasks';
import { checkSessionName } from '../verify/check-session-name';

/** What the console's history holds (the newest rows of the store are enough). */
export interface ConsoleHistory {
  tasks: ReadonlyArray<{ name: string; prompt: string }>;
  sessions: ReadonlyArray<{ name: string }>;
}

const DEMO_PROMPTS = new Set(DEMO_TASKS.map((t) => t.prompt));
// A task's agent runs in a session named after the task, and its check in one named after
// it too: a visitor who accepts the demo's steering suggestion runs the demo's check, and
// that is still the demo (counted as their own work, it kept the demo from coming back).
const DEMO_SESSIONS = new Set([...DEMO_SESSION_NAMES, ...DEMO_TASKS.flatMap((t) => [t.name, checkSessionName(t.name)])]);

/**
 * Whether the demo should start again: only while the history holds nothing but the
 * demo's own tasks and sessions. Once someone has started a task or a session of their
 * own, `npm start` no longer opens four demo agents beside their work at every start
 * (AXIOM_DATA_DIR pointing at a fresh folder brings the demo back).
 */
export function onlyTheDemoSoFar(history: ConsoleHistory): boolean {
  return history.tasks.every((t) => DEMO_PROMPTS.has(t.prompt)) && history.sessions.every((s) => DEMO_SESSIONS.has(s.name));
}
