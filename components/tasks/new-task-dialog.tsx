'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { AGENT_KINDS, agentKindSchema, type AgentKind } from '@/protocol/agent';
import { LIMITS } from '@/protocol/limits';
import { createTaskInputSchema, LIMITS_TASK, workspaceModeSchema, type CreateTaskInput, type TaskCreated } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { taskCommands } from '@/lib/task-commands';
import { useAxiom, useTasks } from '@/lib/axiom-provider';
import { Dialog } from '@/components/ui/dialog';
import { FormFooter } from '@/components/ui/form-footer';
import { FIELD_CLASS as FIELD, LABEL_CLASS as LABEL } from '@/components/ui/form-styles';

export interface NewTaskDialogProps {
  open: boolean;
  /** Preselected parent, when opened from a task's "Add child". */
  parentId: string | null;
  onClose: () => void;
  onCreated: (created: TaskCreated) => void;
}

/** The choices the protocol's task schema offers; the selects parse with its schemas. */
type Workspace = NonNullable<CreateTaskInput['workspace']>;
type Permission = NonNullable<CreateTaskInput['permissionMode']>;
const permissionSchema = createTaskInputSchema.shape.permissionMode.catch('default');

/**
 * `task:create` from a form. The server replies at once with the task id (the agent starts
 * or queues in the background), so the dialog closes on that reply; a refusal stays in the
 * form. Agent, folder and workspace are kept between openings: the next task usually runs
 * in the same place.
 */
export function NewTaskDialog({ open, parentId, onClose, onCreated }: NewTaskDialogProps) {
  const { socket } = useAxiom();
  const { list: tasks } = useTasks();
  const [prompt, setPrompt] = useState('');
  const [agent, setAgent] = useState<AgentKind>('claude');
  const [shellCommand, setShellCommand] = useState('');
  const [cwd, setCwd] = useState('');
  const [workspace, setWorkspace] = useState<Workspace>('auto');
  const [check, setCheck] = useState('');
  const [permission, setPermission] = useState<Permission>('default');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [error, setError] = useState<CommandError | string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (open) {
      setParent(parentId ?? '');
      setError(null);
    }
  }, [open, parentId]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!prompt.trim()) return setError('prompt: required');
    const input: CreateTaskInput = { prompt, agent, workspace };
    if (cwd.trim()) input.cwd = cwd.trim();
    if (check.trim()) input.check = check.trim();
    if (name.trim()) input.name = name.trim();
    if (parent) input.parentId = parent;
    if (agent === 'claude') input.permissionMode = permission;
    if (agent === 'shell' && shellCommand.trim()) input.command = shellCommand.trim();

    setSubmitting(true);
    setError(null);
    const result = await taskCommands.create(socket, input);
    setSubmitting(false);
    if (!result.ok) return setError(result.error);
    setPrompt('');
    setName('');
    onCreated(result.value);
  };

  return (
    <Dialog open={open} onClose={onClose} title={parent ? 'New child task' : 'New task'} testId="new-task-dialog">
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div>
          <label className={LABEL} htmlFor="new-task-prompt">Prompt</label>
          <textarea id="new-task-prompt" data-testid="new-task-prompt" value={prompt} rows={4} autoFocus required
            maxLength={LIMITS_TASK.maxPromptChars} onChange={(e) => setPrompt(e.target.value)}
            placeholder="What should the agent do?" spellCheck={false}
            className={`${FIELD} h-auto resize-y py-2 font-mono text-xs leading-5`} />
        </div>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div>
            <label className={LABEL} htmlFor="new-task-agent">Agent</label>
            <select id="new-task-agent" data-testid="new-task-agent" className={FIELD} value={agent}
              onChange={(e) => {
                const parsed = agentKindSchema.safeParse(e.target.value);
                if (parsed.success) setAgent(parsed.data);
              }}>
              {AGENT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </div>
          {agent === 'claude' ? (
            <div>
              <label className={LABEL} htmlFor="new-task-permission">Permissions</label>
              <select id="new-task-permission" data-testid="new-task-permission" className={FIELD} value={permission}
                onChange={(e) => setPermission(permissionSchema.parse(e.target.value))}>
                <option value="default">Ask before edits (default)</option>
                <option value="acceptEdits">Accept file edits</option>
              </select>
            </div>
          ) : agent === 'shell' ? (
            <div>
              <label className={LABEL} htmlFor="new-task-command">Command</label>
              <input id="new-task-command" data-testid="new-task-command" className={`${FIELD} font-mono`} value={shellCommand}
                onChange={(e) => setShellCommand(e.target.value)} placeholder="your shell" autoComplete="off" spellCheck={false} />
            </div>
          ) : <div />}
        </div>
        <div>
          <label className={LABEL} htmlFor="new-task-cwd">Folder</label>
          <input id="new-task-cwd" data-testid="new-task-cwd" className={`${FIELD} font-mono`} value={cwd}
            onChange={(e) => setCwd(e.target.value)} placeholder="server default" autoComplete="off" spellCheck={false} />
        </div>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div>
            <label className={LABEL} htmlFor="new-task-workspace">Workspace</label>
            <select id="new-task-workspace" data-testid="new-task-workspace" className={FIELD} value={workspace}
              onChange={(e) => setWorkspace(workspaceModeSchema.catch('auto').parse(e.target.value))}
              title="auto: a git worktree on a new branch inside a repository, else a fresh sandbox folder">
              <option value="auto">Worktree or sandbox (auto)</option>
              <option value="in-place">Use this folder as is</option>
            </select>
          </div>
          <div>
            <label className={LABEL} htmlFor="new-task-parent">Parent task</label>
            <select id="new-task-parent" data-testid="new-task-parent" className={FIELD} value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">None (a root task)</option>
              {tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </div>
        </div>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div>
            <label className={LABEL} htmlFor="new-task-check">Check command <span className="text-faint">(optional)</span></label>
            <input id="new-task-check" data-testid="new-task-check" className={`${FIELD} font-mono`} value={check}
              maxLength={LIMITS_TASK.maxCheckChars} onChange={(e) => setCheck(e.target.value)} placeholder="npm test" autoComplete="off" spellCheck={false} />
          </div>
          <div>
            <label className={LABEL} htmlFor="new-task-name">Name <span className="text-faint">(optional)</span></label>
            <input id="new-task-name" data-testid="new-task-name" className={FIELD} value={name} maxLength={LIMITS.maxNameLength}
              onChange={(e) => setName(e.target.value)} placeholder="from the prompt" autoComplete="off" />
          </div>
        </div>
        <FormFooter error={error} errorTestId="new-task-error" submitTestId="new-task-submit" submitting={submitting} submitLabel="Start task" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
