import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';
import { TaskOversight } from '../tasks/task-oversight';
import type { TaskLedger, TaskService } from '../tasks/task-service';
import { readTranscriptUsage } from '../verify/transcript-usage';
import { VerificationService } from '../verify/verification-service';
import { loadSteeringConfig } from './steering-config-store';
import { saveSteeringConfig } from './steering-config-store';
import { SteeringService } from './steering-service';

/** Verification, steering and guardrails for the console's tasks, built and disposed together. */
export interface Oversight {
  steering: SteeringService;
  oversight: TaskOversight;
  dispose(): void;
}

export function createOversight(o: { tasks: TaskService; host: SessionHost; dataDir: string; log: Logger; ledger?: Pick<TaskLedger, 'append'> }): Oversight {
  const config = loadSteeringConfig(o.dataDir, (message) => o.log.log('warn', message));
  const steering = new SteeringService({
    tasks: o.tasks,
    config,
    saveConfig: (next) => saveSteeringConfig(o.dataDir, next),
    log: o.log,
    ...(o.ledger === undefined ? {} : { ledger: o.ledger }),
  });
  const verifier = new VerificationService({ host: o.host });
  const oversight = new TaskOversight({
    tasks: o.tasks,
    steering,
    verifier,
    readUsage: readTranscriptUsage,
    log: o.log,
    ...(o.ledger === undefined ? {} : { ledger: o.ledger }),
  });
  return {
    steering,
    oversight,
    dispose() {
      oversight.dispose();
      steering.dispose();
    },
  };
}
