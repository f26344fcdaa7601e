import type { CreateTaskRequest } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import type { AgentModel } from '../agents/agent-model';
import type { Logger } from '../logger';
import type { TaskService } from '../tasks/task-service';

/**
 * AXIOM_DEMO with no provider: real Claude Code instances working against the built-in
 * scripted model, as a small task tree, so a first look shows the console doing its job —
 * a parent that writes a plan, a child that stops on a permission prompt (Approve it from
 * the pane), a child that thinks for a while before it writes its notes (interrupt it, or
 * send it a message), and a child that claims success without doing the work (refused
 * "verified"; accept the steering suggestion and it fixes it).
 * Never started against a real provider: the demo must not spend anyone's tokens.
 */
export interface DemoTasksOptions {
  tasks: TaskService;
  agentModel: AgentModel;
  log: Logger;
}

const BASE = { agent: 'claude', workspace: 'auto', inheritContext: true, verifyRetries: 0 } as const;

const PARENT: CreateTaskRequest = {
  ...BASE,
  name: 'Plan a greeting tool',
  prompt: 'Plan a tiny greeting tool and write the plan to write:PLAN.md',
  permissionMode: 'acceptEdits',
};

/** The parent's children (each gets parentId when created). */
const CHILDREN: CreateTaskRequest[] = [
  {
    ...BASE,
    name: 'Write the greeting script',
    prompt: 'Write the greeting script as write:hello.sh (it asks you first: approve it in the pane)',
    permissionMode: 'default',
  },
  {
    ...BASE,
    name: 'Research greetings',
    // Thinks for 45 s (time to interrupt it or send it a message), then writes its notes:
    // research is verified by the file it leaves, like any other work.
    prompt: 'Research greetings in other languages for a while (think:45), then write the notes to write:GREETINGS.md',
    permissionMode: 'acceptEdits',
  },
  {
    ...BASE,
    // Says it is done without writing anything: the console refuses "verified" and
    // proposes a steering message; accept it in the inbox and the agent fixes it.
    name: 'Make the greeting check pass',
    prompt: 'Make the check pass (claim-done)',
    check: 'grep -q correct result.txt',
    permissionMode: 'acceptEdits',
  },
];

/** The demo's tasks, as the store knows them (server/demo/demo-gate.ts). */
export const DEMO_TASKS: ReadonlyArray<{ name: string; prompt: string }> = [PARENT, ...CHILDREN].map((t) => ({ name: t.name ?? '', prompt: t.prompt }));

export async function startDemoTasks(options: DemoTasksOptions): Promise<void> {
  const { tasks, agentModel, log } = options;
  if (agentModel.current() === null || claudeCommand() === null || tasks.list().length > 0) return;
  const parent = await tasks.create(PARENT);
  if (!parent.ok) {
    log.log('warn', `demo task: ${parent.error.message}`);
    return;
  }
  for (const child of CHILDREN) {
    const created = await tasks.create({ ...child, parentId: parent.value.id });
    if (!created.ok) log.log('warn', `demo task "${child.name ?? ''}": ${created.error.message}`);
  }
}
