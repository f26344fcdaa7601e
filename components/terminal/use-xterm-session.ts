'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { Terminal, type IDisposable } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebglAddon } from '@xterm/addon-webgl';
import { LIMITS } from '@/protocol/limits';
import type { WireError } from '@/protocol/result';
import type { SessionInfo } from '@/protocol/session';
import { exposeTerminal } from '@/lib/axiom-global';
import { copyText } from '@/lib/clipboard';
import { sendInput } from '@/lib/commands';
import { pageInputQuiet } from '@/lib/input-quiet';
import { matchPaneShortcut, matchShortcut } from '@/lib/keyboard-shortcuts';
import { chooseRenderer, type RendererKind } from '@/lib/renderer-choice';
import type { AxiomSocket } from '@/lib/socket-types';
import { swallowTerminalQueries } from '@/lib/swallow-terminal-queries';
import { connectTerminalStream } from '@/lib/terminal-stream-socket';
import { TERMINAL_FONT_FAMILY, TERMINAL_THEME } from '@/lib/terminal-theme';

/** Container resizes arrive in bursts (window drags, grid reflow); one PTY resize per
 * settle avoids making the program redraw dozens of times. */
const RESIZE_DEBOUNCE_MS = 50;

const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));

export interface XtermSessionOptions {
  id: string;
  info: SessionInfo;
  socket: AxiomSocket | null;
  hostRef: RefObject<HTMLDivElement | null>;
  onInfo: (info: SessionInfo) => void;
  /** The pane's find shortcut was pressed in the terminal. */
  onFind: () => void;
}

export interface XtermSession {
  focus: () => void;
  renderer: RendererKind | null;
  /** Why the pane cannot show the session's output right now (it retries), or null. */
  attachError: WireError | null;
  /** Find in the terminal's buffer (scrollback included); null until ensureSearch. */
  search: SearchAddon | null;
  /** Loads the search addon on first use (idempotent). */
  ensureSearch: () => void;
}

/**
 * One pane's xterm: created in an effect (the browser-only part of the pane), wired to
 * the session's output stream and input, and disposed with every listener on cleanup.
 */
export function useXtermSession({ id, info, socket, hostRef, onInfo, onFind }: XtermSessionOptions): XtermSession {
  const termRef = useRef<Terminal | null>(null);
  const [renderer, setRenderer] = useState<RendererKind | null>(null);
  const [attachError, setAttachError] = useState<WireError | null>(null);
  const [search, setSearch] = useState<SearchAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  // Loaded on first use: the addon listens to every write of its terminal, and most panes
  // are never searched.
  const ensureSearch = useCallback((): void => {
    const term = termRef.current;
    if (term === null || searchRef.current !== null) return;
    const addon = new SearchAddon();
    term.loadAddon(addon);
    searchRef.current = addon;
    setSearch(addon);
  }, []);
  // The effect below must not re-run when the info changes; it reads the latest here.
  const infoRef = useRef(info);
  infoRef.current = info;
  const onInfoRef = useRef(onInfo);
  onInfoRef.current = onInfo;
  const onFindRef = useRef(onFind);
  onFindRef.current = onFind;

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !socket) return;
    const start = infoRef.current;
    const term = new Terminal({
      cols: start.cols,
      rows: start.rows,
      fontFamily: TERMINAL_FONT_FAMILY,
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 5000,
      allowProposedApi: true,
      // No blink: a blinking cursor keeps the page rendering every frame while typing, and
      // socket messages then wait behind frames (measured: echo p50 11.5 ms with blink,
      // 2.8 ms without). A steady cursor is also calmer to look at for hours.
      cursorBlink: false,
      theme: TERMINAL_THEME,
    });
    const disposables: IDisposable[] = [];
    const cleanups: Array<() => void> = [];

    disposables.push(swallowTerminalQueries(term));
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon());
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(host);

    let active: RendererKind = 'dom';
    if (chooseRenderer() === 'webgl') {
      try {
        const webgl = new WebglAddon();
        // On context loss (GPU reset, too many contexts) disposing the addon hands
        // rendering back to the DOM renderer, with the buffer intact.
        disposables.push(webgl.onContextLoss(() => {
          webgl.dispose();
          setRenderer('dom');
        }));
        term.loadAddon(webgl);
        active = 'webgl';
      } catch (error) {
        // The addon throws when WebGL2 cannot be created; the DOM renderer is already active.
        console.warn('[axiom] WebGL renderer unavailable, using the DOM renderer', error);
      }
    }
    setRenderer(active);
    termRef.current = term;
    cleanups.push(exposeTerminal(id, term));

    // Let dashboard shortcuts bubble to the window instead of reaching the program; the
    // pane's own (find, copy) are handled here, on keydown, and not sent either.
    term.attachCustomKeyEventHandler((e) => {
      const own = matchPaneShortcut(e);
      if (own !== null) {
        if (e.type === 'keydown') {
          e.preventDefault();
          if (own === 'find') {
            ensureSearch();
            onFindRef.current();
          }
          else if (term.hasSelection()) void copyText(term.getSelection());
        }
        return false;
      }
      return matchShortcut(e) === null;
    });
    // Binary input (onBinary) is mouse reports in X10 mode: a person acting in the pane too.
    const typed = (data: string): void => {
      pageInputQuiet.noteKeystroke();
      sendInput(socket, id, data);
    };
    disposables.push(term.onData(typed), term.onBinary(typed));

    const stream = connectTerminalStream({ socket, id, terminal: term, onInfo: (i) => onInfoRef.current(i), onAttachError: setAttachError });
    cleanups.push(() => stream.close());
    // The pane being typed into gets every frame at once; the others are written in
    // batches (slower still when scrolled out of view), so many busy panes cannot starve
    // the one in use.
    const textarea = term.textarea;
    let focused = textarea !== undefined && document.activeElement === textarea;
    let visible = true;
    const updatePriority = (): void => stream.setPriority(focused ? 'interactive' : visible ? 'visible' : 'hidden');
    const onFocusIn = (): void => {
      focused = true;
      updatePriority();
    };
    const onFocusOut = (): void => {
      focused = false;
      updatePriority();
    };
    const visibility = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      updatePriority();
    });
    visibility.observe(host);
    updatePriority();
    textarea?.addEventListener('focus', onFocusIn);
    textarea?.addEventListener('blur', onFocusOut);
    cleanups.push(() => {
      visibility.disconnect();
      textarea?.removeEventListener('focus', onFocusIn);
      textarea?.removeEventListener('blur', onFocusOut);
    });

    // Resize policy (ADR 0001): the PTY follows the latest active viewer. This viewer
    // asks for its container's size when the container changes or it takes focus; the
    // terminal itself is sized only from the session (effect below), so all viewers
    // render the same screen.
    let lastAsked: string | null = null;
    const requestFit = (): void => {
      const current = infoRef.current;
      if (!socket.connected || current.status === 'exited') return;
      // Hidden panes (another one is maximized) measure 0: never shrink the PTY to that.
      if (host.clientWidth === 0 || host.clientHeight === 0) return;
      const dims = fit.proposeDimensions();
      if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
      const cols = clamp(dims.cols, LIMITS.minCols, LIMITS.maxCols);
      const rows = clamp(dims.rows, LIMITS.minRows, LIMITS.maxRows);
      if (cols === current.cols && rows === current.rows) return;
      const key = `${cols}x${rows}@${current.cols}x${current.rows}`;
      if (key === lastAsked) return; // already asked; waiting for session:updated
      lastAsked = key;
      socket.emit('session:resize', { id, cols, rows }, (result) => {
        if (result.ok) onInfoRef.current(result.value);
      });
    };
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(debounce);
      debounce = setTimeout(requestFit, RESIZE_DEBOUNCE_MS);
    });
    // The host's parent, not the host: a session larger than this pane gives the host
    // scrollbars, which shrink its content box, and observing that would make this viewer
    // take the size back from the viewer that set it.
    observer.observe(host.parentElement ?? host);
    const onFocus = (): void => {
      lastAsked = null;
      requestFit();
    };
    term.textarea?.addEventListener('focus', onFocus);
    cleanups.push(() => {
      clearTimeout(debounce);
      observer.disconnect();
      term.textarea?.removeEventListener('focus', onFocus);
    });

    return () => {
      for (const c of cleanups.reverse()) c();
      for (const d of disposables) d.dispose();
      termRef.current = null;
      searchRef.current = null;
      setSearch(null);
      term.dispose();
    };
  }, [id, socket, hostRef, ensureSearch]);

  // Every viewer renders the session at the PTY's size.
  useEffect(() => {
    const term = termRef.current;
    if (term && (term.cols !== info.cols || term.rows !== info.rows)) term.resize(info.cols, info.rows);
  }, [info.cols, info.rows]);

  return { focus: () => termRef.current?.focus(), renderer, attachError, search, ensureSearch };
}
