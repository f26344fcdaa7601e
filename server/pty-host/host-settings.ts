import { z } from 'zod';

/**
 * What the web server tells the pty host it starts: one JSON argument, built from the
 * console's parsed config and parsed again here (the host reads no environment of its own).
 */
export const hostSettingsSchema = z
  .object({
    dataDir: z.string().min(1),
    maxSessions: z.number().int().min(1),
    killGraceMs: z.number().int().min(0),
    /** Per-session recording cap; 0 turns recording off. */
    recordingMaxBytes: z.number().int().min(0),
    /** Exit when no console has been connected and no session has been live for this long. */
    idleExitMs: z.number().int().min(1000),
  })
  .strict();
export type HostSettings = z.infer<typeof hostSettingsSchema>;

/** Default idle exit: long enough to ride out a console restart (seconds) with room to
 * spare, short enough that a host left behind without agents goes away on its own. */
export const DEFAULT_IDLE_EXIT_MS = 60_000;
