'use client';

import { useRef, useState } from 'react';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError, CommandResult } from '@/lib/commands';
import { taskCommands } from '@/lib/task-commands';
import { isFinalTask, isLiveTask } from '@/lib/task-format';
import { useAxiom } from '@/lib/axiom-provider';
import { Button } from '@/components/ui/button';
import { useDismiss } from '@/components/ui/use-dismiss';

type Action = 'interrupt' | 'interrupt-subtree' | 'stop' | 'stop-only' | 'remove';

export interface TaskRowActionsProps {
  task: TaskInfo;
  /** Tasks below this one: the subtree variants only appear when there are any. */
  descendants: number;
  onAddChild: (parentId: string) => void;
  onError: (error: CommandError | null) => void;
}

/**
 * The everyday actions stay one click away (Interrupt, Stop, + Child); the rarer and the
 * destructive ones (the subtree variants, Remove) sit in a small menu, so a stray click
 * in a dense list never forgets a task tree.
 */
export function TaskRowActions({ task, descendants, onAddChild, onError }: TaskRowActionsProps) {
  const { id } = task;
  const { socket } = useAxiom();
  const [busy, setBusy] = useState<Action | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  useDismiss({ open: menuOpen, close: () => setMenuOpen(false), rootRef: menuRef, triggerRef: menuButtonRef });

  const run = async (action: Action): Promise<void> => {
    setMenuOpen(false);
    setBusy(action);
    onError(null);
    let result: CommandResult<unknown>;
    if (action === 'interrupt' || action === 'interrupt-subtree') result = await taskCommands.interrupt(socket, id, action === 'interrupt-subtree');
    else if (action === 'stop' || action === 'stop-only') result = await taskCommands.stop(socket, id, action === 'stop');
    else result = await taskCommands.remove(socket, id);
    setBusy(null);
    if (!result.ok) onError(result.error);
  };

  const live = isLiveTask(task.state);
  const final = isFinalTask(task.state);
  const below = descendants > 0 ? ` and the ${descendants} task${descendants === 1 ? '' : 's'} below it` : '';
  const item = 'block w-full px-3 py-1.5 text-left text-xs hover:bg-raised disabled:opacity-45';
  return (
    <div className="flex shrink-0 items-center gap-1">
      {live && (
        <Button size="sm" data-testid={`task-interrupt-${id}`} title="Interrupt the agent's current turn" disabled={busy !== null} onClick={() => void run('interrupt')}>
          Interrupt
        </Button>
      )}
      {!final && (
        <Button size="sm" variant="danger" data-testid={`task-stop-${id}`} title={`Stop this task${below}`} disabled={busy !== null} onClick={() => void run('stop')}>
          Stop
        </Button>
      )}
      <Button size="sm" data-testid={`task-add-child-${id}`} title="Start a task that builds on this one" onClick={() => onAddChild(id)}>
        + Child
      </Button>
      <div ref={menuRef} className="relative">
        <Button ref={menuButtonRef} size="sm" data-testid={`task-menu-${id}`} aria-haspopup="menu" aria-expanded={menuOpen} aria-label={`More actions for ${task.name}`}
          onClick={() => setMenuOpen((o) => !o)}>
          ⋯
        </Button>
        {menuOpen && (
          <div role="menu" aria-label={`More actions for ${task.name}`} className="absolute right-0 top-8 z-30 w-56 overflow-hidden rounded-md border border-line bg-panel py-1 shadow-xl shadow-black/40">
            {live && descendants > 0 && (
              <button type="button" role="menuitem" data-testid={`task-interrupt-subtree-${id}`} className={item} onClick={() => void run('interrupt-subtree')}>
                Interrupt with subtree
              </button>
            )}
            {!final && descendants > 0 && (
              <button type="button" role="menuitem" data-testid={`task-stop-only-${id}`} className={item} onClick={() => void run('stop-only')}>
                Stop this task only
              </button>
            )}
            <button type="button" role="menuitem" data-testid={`task-remove-${id}`} className={`${item} text-bad`} onClick={() => void run('remove')}>
              Remove{descendants > 0 ? ' with subtree' : ''}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
