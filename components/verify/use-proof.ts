'use client';

import { useEffect, useState } from 'react';
import type { TaskInfo } from '@/protocol/task';
import type { Proof } from '@/protocol/verification';
import type { CommandError } from '@/lib/commands';
import { steeringCommands } from '@/lib/steering-commands';
import { useAxiom } from '@/lib/axiom-provider';

export type ProofLoad = { status: 'loading' } | { status: 'ready'; proof: Proof | null } | { status: 'error'; error: CommandError };

/**
 * The task's verification proof (`task:proof`), fetched when shown and again whenever the
 * task's verification summary moves (a new attempt, checking → verified), so the panel
 * never shows the previous round's files next to the new verdict.
 */
export function useProof(task: Pick<TaskInfo, 'id' | 'verification'>): ProofLoad {
  const { socket } = useAxiom();
  const [load, setLoad] = useState<ProofLoad>({ status: 'loading' });
  const v = task.verification;
  const key = v ? `${v.state}:${v.attempt}:${v.reason}` : 'none';

  useEffect(() => {
    if (!socket) return;
    let live = true;
    void steeringCommands.proof(socket, task.id).then((result) => {
      if (!live) return;
      setLoad(result.ok ? { status: 'ready', proof: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [socket, task.id, key]);

  return load;
}
