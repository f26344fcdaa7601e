'use client';

import 'asciinema-player/dist/bundle/asciinema-player.css';
import type { Player } from 'asciinema-player';
import { useCallback, useEffect, useRef, useState } from 'react';
import { recordingUrl } from '@/lib/history-client';
import { TERMINAL_FONT_FAMILY } from '@/lib/terminal-theme';
import { RecordingSearch } from './recording-search';
import { useRecording } from './use-recording';

/** Playback speeds offered; the player takes its speed at creation, so a change recreates it
 * at the same position. */
const SPEEDS = [0.5, 1, 2, 4, 8] as const;

export interface RecordingPanelProps {
  sessionId: string;
}

/**
 * One session's recording in asciinema-player (loaded on the client only, on demand), with a
 * speed control, seeking by the player's own bar, a text search whose matches seek the
 * player, and a download link for the .cast file.
 */
export function RecordingPanel({ sessionId }: RecordingPanelProps) {
  const rec = useRecording(sessionId);
  const containerRef = useRef<HTMLDivElement>(null);
  const playerRef = useRef<Player | null>(null);
  /** Where a recreated player (speed change) resumes. */
  const resumeAtRef = useRef(0);
  const [speed, setSpeed] = useState<number>(1);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    resumeAtRef.current = 0;
  }, [sessionId]);

  useEffect(() => {
    const el = containerRef.current;
    if (rec.kind !== 'ready' || el === null) return;
    let disposed = false;
    let player: Player | null = null;
    void import('asciinema-player').then((mod) => {
      if (disposed) return;
      player = mod.create({ data: rec.text }, el, {
        speed,
        fit: 'width',
        preload: true,
        startAt: resumeAtRef.current,
        // Before playing, show how the session ended (its last frame): the first frame of
        // a recording is an empty screen, which says nothing about it. The poster shows the
        // events before its time, so a second past the last one.
        poster: `npt:${Math.ceil((rec.cast.events.at(-1)?.[0] ?? 0) + 1)}`,
        terminalFontSize: 'small',
        // The panes' font stack, symbols fonts last: the player's own stack drew Claude
        // Code's "⎿" as a box.
        terminalFontFamily: TERMINAL_FONT_FAMILY,
      });
      playerRef.current = player;
      setReady(true);
    });
    return () => {
      disposed = true;
      setReady(false);
      playerRef.current = null;
      if (player !== null) {
        resumeAtRef.current = player.getCurrentTime();
        player.dispose();
      }
    };
  }, [rec, speed]);

  const seek = useCallback((seconds: number) => {
    const player = playerRef.current;
    if (player === null) return;
    // Just past the event that completed the match, so that event is on screen.
    const duration = player.getDuration();
    const target = duration === undefined ? seconds + 0.001 : Math.min(seconds + 0.001, duration);
    void player.pause().then(() => player.seek(target));
  }, []);

  if (rec.kind === 'loading') return <p className="text-xs text-muted">Loading the recording…</p>;
  if (rec.kind === 'missing') return <p data-testid="recording-missing" className="text-xs text-muted">No recording for this session.</p>;
  if (rec.kind === 'error') return <p role="alert" className="text-xs text-bad">Could not load the recording: {rec.message}</p>;

  return (
    <section data-testid="recording-panel" data-ready={ready} className="flex min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3 text-xs text-muted">
        <label className="flex items-center gap-1.5">
          Speed
          <select
            data-testid="recording-speed"
            value={speed}
            onChange={(e) => setSpeed(Number(e.target.value))}
            className="h-7 rounded border border-line bg-canvas px-1.5 text-fg"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>{`${s}×`}</option>
            ))}
          </select>
        </label>
        {rec.cut && <span className="text-warn">recording was cut at its size cap</span>}
        <a
          data-testid="recording-download"
          href={recordingUrl(sessionId, true)}
          download={`${sessionId}.cast`}
          className="ml-auto rounded border border-line px-2 py-1 text-fg/85 hover:bg-raised"
        >
          Download .cast
        </a>
      </div>
      <div className="flex min-h-0 flex-col gap-3 lg:flex-row">
        <div ref={containerRef} data-testid="recording-player" className="min-w-0 flex-1" />
        <div className="flex max-h-96 w-full flex-col lg:max-h-[32rem] lg:w-80">
          <RecordingSearch plain={rec.plain} onSeek={seek} />
        </div>
      </div>
    </section>
  );
}
