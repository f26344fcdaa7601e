'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { AGENT_KINDS, type AgentKind } from '@/protocol/agent';
import { LIMITS } from '@/protocol/limits';
import { LIMITS_TASK, type CreateTaskInput, type TaskCreated } from '@/protocol/task';
import { taskCommands } from '@/lib/task-commands';
import { useAxiom, useTasks } from '@/lib/axiom-provider';
import { Dialog } from '@/components/ui/dialog';
import { FormFooter } from '@/components/ui/form-footer';

export interface NewTaskDialogProps {
  open: boolean;
  /** Preselected parent, when opened from a task's "Add child". */
  parentId: string | null;
  onClose: () => void;
  onCreated: (created: TaskCreated) => void;
}

const FIELD = 'h-9 w-full rounded-md border border-line bg-canvas px-2.5 text-sm text-fg placeholder:text-faint focus:border-accent/60 focus:outline-none';
const LABEL = 'mb-1 block text-xs font-medium text-muted';

type Workspace = 'auto' | 'in-place';
type Permission = 'default' | 'acceptEdits';
const isAgent = (v: string): v is AgentKind => (AGENT_KINDS as readonly string[]).includes(v);

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
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (open) {
      setParent(parentId ?? '');
      setError(null);
    }
  }, [open, parentId]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!prompt.trim()) return setError('a prompt is required');
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
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
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
              onChange={(e) => isAgent(e.target.value) && setAgent(e.target.value)}>
              {AGENT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </div>
          {agent === 'claude' ? (
            <div>
              <label className={LABEL} htmlFor="new-task-permission">Permissions</label>
              <select id="new-task-permission" data-testid="new-task-permission" className={FIELD} value={permission}
                onChange={(e) => setPermission(e.target.value === 'acceptEdits' ? 'acceptEdits' : 'default')}>
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
              onChange={(e) => setWorkspace(e.target.value === 'in-place' ? 'in-place' : 'auto')}
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
