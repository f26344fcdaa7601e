import { describe, expect, it } from 'vitest';
import { taskInfo } from '../../lib/testing/task-fixture';
import type { Logger } from '../logger';
import { TaskPublisher } from './task-publisher';
import type { TaskRecord } from './task-service-types';

const log: Logger = { log: () => undefined };

function setup() {
  const recorded: string[] = [];
  const events: string[] = [];
  const publisher = new TaskPublisher({
    log,
    ledger: { recordTask: (t) => recorded.push(t.id), removeTask: () => undefined, append: () => 0 },
    view: (rec) => rec.info,
    isCurrent: () => true,
  });
  publisher.onEvent((e) => events.push(e.type));
  const rec = { info: taskInfo('t-1'), linePublish: null } as unknown as TaskRecord;
  return { publisher, recorded, events, rec };
}

describe('TaskPublisher', () => {
  it('records and broadcasts a change', () => {
    const { publisher, recorded, events, rec } = setup();
    publisher.changed(rec);
    expect(recorded).toEqual(['t-1']);
    expect(events).toEqual(['task:updated']);
  });

  // A prompt delivery still in flight at shutdown reported its receipt after the store
  // was closed: "The database connection is not open", an unhandled rejection.
  it('drops what reports after close instead of writing to a closing store', () => {
    const { publisher, recorded, events, rec } = setup();
    publisher.close();
    publisher.changed(rec);
    expect(recorded).toEqual([]);
    expect(events).toEqual([]);
  });
});
