import path from 'node:path';
import type { RequestFacts } from './request-reading';

/**
 * The scripted model's repertoire, as data: a keyword in the latest prompt picks a
 * scenario, a scenario is a list of assistant turns, and the number of tool rounds since
 * the prompt picks the turn. Pure, so tests can check every choice without a socket.
 * To add a behaviour, add an entry to SCENARIOS.
 */

export type ScriptedBlock =
  | {
      type: 'text';
      text: string;
      /** Delay between deltas; default the server's frameDelayMs. */
      paceMs?: number;
      /** Characters per delta; default a few words. */
      chunkChars?: number;
    }
  | { type: 'tool_use'; name: string; input: Record<string, unknown> };

export interface ScriptedError {
  /** 'http': the response itself fails; 'stream': a 200 stream that carries an error event. */
  via: 'http' | 'stream';
  httpStatus: number;
  errorType: string;
  message: string;
}

export interface ScriptedTurn {
  /** Time the stream stays open (with pings) before the first block: a thinking model. */
  thinkMs?: number;
  blocks: ScriptedBlock[];
  error?: ScriptedError;
}

export interface ScenarioContext {
  facts: RequestFacts;
  /** What followed the keyword (e.g. the path of `write:<path>`), trimmed. */
  arg: string;
}

export interface Scenario {
  name: string;
  /** Matched against the prompt; capture group 1, when present, becomes `arg`. */
  keyword: RegExp;
  turns(ctx: ScenarioContext): ScriptedTurn[];
}

export const DEFAULT_REPLY = 'Hello from the scripted model.';
export const SPAWN_TOOL = 'mcp__axiom__axiom_spawn';
/** The slow turn: long enough that a test or a person can watch it and interrupt it
 * (~120 s), in deltas frequent enough that the CLI never thinks the stream stalled. */
export const SLOW_PACE_MS = 200;
export const SLOW_DELTAS = 600;

const text = (t: string, extra: Partial<Extract<ScriptedBlock, { type: 'text' }>> = {}): ScriptedBlock => ({ type: 'text', text: t, ...extra });
const reply = (t: string): ScriptedTurn => ({ blocks: [text(t)] });

/** Absolute when the CLI told us its cwd (its Write tool wants absolute paths). */
function resolveInCwd(facts: RequestFacts, rel: string): string {
  if (path.isAbsolute(rel) || !facts.cwd) return rel;
  return path.join(facts.cwd, rel);
}

/** A Write of `rel` in the CLI's cwd, then a closing sentence after its tool result. */
function writeThenSay(facts: RequestFacts, rel: string, content: string, closing: string): ScriptedTurn[] {
  return [
    { blocks: [text(`I'll write ${rel}.`), { type: 'tool_use', name: 'Write', input: { file_path: resolveInCwd(facts, rel), content } }] },
    reply(closing),
  ];
}

/** Fixed-width steps, one per delta, so the pace is exactly SLOW_PACE_MS per step. */
const SLOW_STEP_CHARS = slowStep(1).length;
function slowStep(i: number): string {
  return `Step ${String(i).padStart(3, '0')} of ${SLOW_DELTAS}, still working. `;
}
function slowText(): string {
  return Array.from({ length: SLOW_DELTAS }, (_, i) => slowStep(i + 1)).join('');
}

const THINK_RE = /\bthink:(\d+(?:\.\d+)?)/;
const secondsToMs = (seconds: string): number => Math.round(Number(seconds) * 1000);

/** Checked in order; the first keyword found in the prompt wins. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'write',
    keyword: /\bwrite:(\S+)/,
    turns: ({ facts, arg }) => {
      const filePath = resolveInCwd(facts, arg);
      // `think:<s>` in the same prompt: a model that thinks for a while, then writes.
      const think = THINK_RE.exec(facts.prompt);
      return [
        {
          ...(think ? { thinkMs: secondsToMs(think[1]!) } : {}),
          blocks: [
            text(`I'll write ${arg}.`),
            { type: 'tool_use', name: 'Write', input: { file_path: filePath, content: `Hello from the scripted model.\nThis file is ${arg}.\n` } },
          ],
        },
        reply(`Wrote ${arg}.`),
      ];
    },
  },
  {
    name: 'bash',
    keyword: /\bbash:(.+)/,
    turns: ({ arg }) => [
      { blocks: [text('Running a command.'), { type: 'tool_use', name: 'Bash', input: { command: arg, description: 'Run the requested command' } }] },
      reply(`Ran \`${arg}\`.`),
    ],
  },
  // The steering scenario suite: each reproduces one way agents fail (or the honest case),
  // with a file `result.txt` that a task's check can test (`grep -q correct result.txt`).
  {
    name: 'fix',
    keyword: /\bFix it\b/,
    turns: ({ facts }) => writeThenSay(facts, 'result.txt', 'correct answer\n', 'Fixed result.txt; it now holds the correct answer.'),
  },
  {
    name: 'honest',
    keyword: /\bhonest-work\b/,
    turns: ({ facts }) => writeThenSay(facts, 'result.txt', 'correct answer\n', "I've written result.txt and checked it: the check passes."),
  },
  {
    name: 'claim-failing',
    keyword: /\bclaim-failing\b/,
    turns: ({ facts }) => writeThenSay(facts, 'result.txt', 'wrong answer\n', "Done! I've implemented it and all tests pass."),
  },
  {
    name: 'claim-done',
    keyword: /\bclaim-done\b/,
    turns: () => [reply("Done! I've implemented the feature and all tests pass.")],
  },
  {
    name: 'stub-code',
    keyword: /\bstub-code\b/,
    turns: ({ facts }) =>
      writeThenSay(
        facts,
        'feature.js',
        "export function greet(name) {\n  // TODO: implement greeting\n  throw new Error('not implemented');\n}\n",
        "I've added the skeleton of greet() in feature.js.",
      ),
  },
  {
    name: 'repeat-error',
    keyword: /\brepeat-error\b/,
    turns: () => [
      reply(
        "Running the build.\nError: Cannot find module 'left-pad'\nRetrying the build.\nError: Cannot find module 'left-pad'\nRetrying once more.\nError: Cannot find module 'left-pad'",
      ),
    ],
  },
  {
    name: 'think',
    keyword: THINK_RE,
    turns: ({ arg }) => [{ thinkMs: secondsToMs(arg), blocks: [text(`Thought for ${arg} seconds.`)] }],
  },
  {
    name: 'slow',
    keyword: /\bslow\b/,
    turns: () => [{ blocks: [text(slowText(), { paceMs: SLOW_PACE_MS, chunkChars: SLOW_STEP_CHARS })] }],
  },
  {
    name: 'fail',
    keyword: /\bfail\b/,
    turns: () => [{ blocks: [], error: { via: 'http', httpStatus: 529, errorType: 'overloaded_error', message: 'Overloaded (scripted)' } }],
  },
  {
    name: 'plan',
    keyword: /\bplan\b/,
    turns: () => [reply("Let me plan this out. First I'll research the codebase, then outline the steps.\n\n1. Read the code\n2. Decide on an approach\n\nTODO: implement later")],
  },
  {
    name: 'spawn-children',
    keyword: /\bspawn-children\b/,
    turns: ({ facts }) =>
      facts.toolNames.includes(SPAWN_TOOL)
        ? [
            {
              blocks: [
                text('Spawning two children.'),
                { type: 'tool_use', name: SPAWN_TOOL, input: { prompt: 'child one: say hello' } },
                { type: 'tool_use', name: SPAWN_TOOL, input: { prompt: 'child two: say hello' } },
              ],
            },
            reply('Spawned two children.'),
          ]
        : [reply(`I have no ${SPAWN_TOOL} tool, so I cannot spawn children.`)],
  },
];

const DEFAULT_SCENARIO: Scenario = { name: 'default', keyword: /$^/, turns: () => [reply(DEFAULT_REPLY)] };

/** Side requests (no tools offered): session titles and the like. */
export const SIDE_REPLY = 'Scripted session';

export interface Choice {
  scenario: string;
  turn: ScriptedTurn;
}

/** The turn to play for one request. Past the scenario's last turn it closes with text,
 * so a CLI that loops (e.g. a denied tool) always ends. */
export function chooseTurn(facts: RequestFacts): Choice {
  if (facts.toolNames.length === 0) {
    const json = facts.jsonKeys && JSON.stringify(Object.fromEntries(facts.jsonKeys.map((k) => [k, SIDE_REPLY])));
    return { scenario: 'side', turn: reply(json || SIDE_REPLY) };
  }
  let found: { scenario: Scenario; arg: string } = { scenario: DEFAULT_SCENARIO, arg: '' };
  for (const scenario of SCENARIOS) {
    const m = scenario.keyword.exec(facts.prompt);
    if (m) {
      found = { scenario, arg: (m[1] ?? '').trim() };
      break;
    }
  }
  const turns = found.scenario.turns({ facts, arg: found.arg });
  const turn = turns[facts.toolRounds] ?? reply('Done.');
  return { scenario: found.scenario.name, turn };
}
