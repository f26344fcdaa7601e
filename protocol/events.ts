import type { SessionId } from './ids';
import type { Result } from './result';
import type {
  CreateSessionInput,
  SessionInfo,
} from './session';
import type { ApproveChoice, InterruptOutcome, PromptReceipt } from './agent';
import type { CreateTaskInput, TaskCreated, TaskId, TaskInfo } from './task';
import type { AutoSteer, Intervention, SteeringConfig, SteeringConfigPatch, Suggestion, SuggestionId } from './steering';
import type { Proof } from './verification';
import type { PaneClaimReply, PaneHold } from './arbitration';

/** Acks are optional on the wire (a client may fire and forget a keystroke); the server
 * replies whenever one is given. */
export type Ack<T> = (result: Result<T>) => void;

/** What a viewer receives on attach: the session, and how its stream starts. */
export interface AttachReply {
  info: SessionInfo;
  /** 'snapshot' when a pty:snapshot follows; 'replay' when frames resume at fromSeq. */
  mode: 'snapshot' | 'replay';
}

/**
 * One output frame: bytes [seq, seq + data.byteLength) of the session's output stream.
 * Sequence numbers are byte offsets, so a gap or an overlap is detectable exactly.
 */
export type OutputFrame = [id: SessionId, seq: number, data: Uint8Array];

/** A full screen: reset the terminal, resize it, write `data`; the next frame starts at `seq`. */
export interface ScreenSnapshot {
  id: SessionId;
  seq: number;
  cols: number;
  rows: number;
  data: string;
}

/** Client → server: imperative. Payloads are `unknown` on the server until parsed by zod. */
export interface ClientToServerEvents {
  'session:list': (ack?: Ack<SessionInfo[]>) => void;
  'session:create': (input: CreateSessionInput, ack?: Ack<SessionInfo>) => void;
  'session:attach': (req: { id: string; fromSeq?: number }, ack?: Ack<AttachReply>) => void;
  'session:detach': (req: { id: string }, ack?: Ack<null>) => void;
  'session:resize': (req: { id: string; cols: number; rows: number }, ack?: Ack<SessionInfo>) => void;
  'session:interrupt': (req: { id: string }, ack?: Ack<null>) => void;
  'session:inject': (req: { id: string; text: string; submit?: boolean }, ack?: Ack<null>) => void;
  'session:kill': (req: { id: string }, ack?: Ack<SessionInfo>) => void;
  'session:restart': (req: { id: string }, ack?: Ack<SessionInfo>) => void;
  'session:remove': (req: { id: string }, ack?: Ack<null>) => void;
  'pty:input': (req: { id: string; data: string }, ack?: Ack<null>) => void;
  /** Flow control: the viewer's terminal has parsed every byte before `seq`. No reply. */
  'pty:ack': (req: { id: string; seq: number }) => void;
  /**
   * A hint, no reply: output of a 'background' session (a pane nobody is typing into) may
   * be held a little and sent with other sessions' output in one message. Every session
   * is 'interactive' until the viewer says otherwise, and again after a reconnect.
   */
  'pty:priority': (req: { id: string; priority: 'interactive' | 'background' }) => void;
  'task:list': (ack?: Ack<TaskInfo[]>) => void;
  /** Returns at once with the task id; the agent starts (or queues) in the background. */
  'task:create': (input: CreateTaskInput, ack?: Ack<TaskCreated>) => void;
  /** mode queue (default): delivered when the agent is idle; now: typed at once. */
  'task:prompt': (req: { id: string; text: string; mode?: 'queue' | 'now' }, ack?: Ack<PromptReceipt>) => void;
  'task:interrupt': (req: { id: string; subtree?: boolean; escalate?: boolean }, ack?: Ack<InterruptOutcome[]>) => void;
  'task:approve': (req: { id: string; choice?: ApproveChoice }, ack?: Ack<null>) => void;
  /** Stop the task (and by default its subtree): kill its agent, mark it stopped. */
  'task:stop': (req: { id: string; subtree?: boolean }, ack?: Ack<TaskId[]>) => void;
  /** Stop and forget the task and its subtree. */
  'task:remove': (req: { id: string }, ack?: Ack<null>) => void;
  /** Take or give back a pane's keyboard: while claimed, prompts for its task wait (see
   * protocol/arbitration.ts). The claim ends with this socket, or after its time-out. */
  'pane:claim': (req: { id: string; claimed: boolean }, ack?: Ack<PaneClaimReply>) => void;
  /** The verification proof of a task (null before its first verification). */
  'task:proof': (req: { id: string }, ack?: Ack<Proof | null>) => void;
  /** The unified diff of the task's workspace changes since it started. */
  'task:diff': (req: { id: string }, ack?: Ack<{ diff: string; truncated: boolean }>) => void;
  'task:auto-steer': (req: { id: string; enabled: boolean; minConfidence?: number }, ack?: Ack<AutoSteer>) => void;
  /** Open and snoozed suggestions (all tasks, or one), newest first; then, with `recent`,
   * up to that many resolved ones (at most MAX_RECENT_SUGGESTIONS), last resolved first. */
  'suggestion:list': (req: { taskId?: string; recent?: number }, ack?: Ack<Suggestion[]>) => void;
  /** Sends the proposed message (or `text`, an edited one) as the suggestion's action says. */
  'suggestion:accept': (req: { id: string; text?: string }, ack?: Ack<Suggestion>) => void;
  'suggestion:dismiss': (req: { id: string }, ack?: Ack<Suggestion>) => void;
  'suggestion:snooze': (req: { id: string; minutes?: number }, ack?: Ack<Suggestion>) => void;
  /** One steering message to several agents. */
  'steer:broadcast': (req: { taskIds: string[]; text: string; mode?: 'queue' | 'now' }, ack?: Ack<Intervention[]>) => void;
  /** Interventions on one task, oldest first. */
  'intervention:list': (req: { taskId: string }, ack?: Ack<Intervention[]>) => void;
  /** The steering rules' settings in force. */
  'steering:config': (ack?: Ack<SteeringConfig>) => void;
  /** Changes rules' settings (per rule, only the fields given); saved, and in force at once. */
  'steering:set-config': (patch: SteeringConfigPatch, ack?: Ack<SteeringConfig>) => void;
}

/** Server → client: facts. */
export interface ServerToClientEvents {
  'session:updated': (info: SessionInfo) => void;
  'session:removed': (payload: { id: SessionId }) => void;
  /** Output frames (OutputFrame) of one or more sessions in one binary message: the only
   * output event (see protocol/output-batch.ts for the layout and decodeOutputBatch). */
  'pty:output-batch': (batch: Uint8Array) => void;
  'pty:snapshot': (snapshot: ScreenSnapshot) => void;
  'task:updated': (task: TaskInfo) => void;
  'task:removed': (payload: { id: TaskId }) => void;
  /** A pane became held (a person typing or a claim) or free again; transitions only. */
  'pane:held': (hold: PaneHold) => void;
  'suggestion:updated': (suggestion: Suggestion) => void;
  'intervention:recorded': (intervention: Intervention) => void;
  /** A suggestion id that no longer exists (its task was removed). */
  'suggestion:removed': (payload: { id: SuggestionId }) => void;
  /** The rules' settings changed (from any client or the API): the whole new config. */
  'steering:config-updated': (config: SteeringConfig) => void;
}
