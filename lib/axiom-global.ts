import type { Terminal } from '@xterm/xterm';

/**
 * `window.__axiom`: a documented hook for automation and accessibility tools (see
 * docs/design). `terminals[sessionId]` is the pane's xterm Terminal, so a test can read
 * its buffer instead of scraping a canvas.
 */
export interface AxiomGlobal {
  terminals: Record<string, Terminal>;
}

declare global {
  interface Window {
    __axiom?: AxiomGlobal;
  }
}

/** Registers a pane's terminal; returns the matching unregister. */
export function exposeTerminal(id: string, terminal: Terminal): () => void {
  const axiom = (window.__axiom ??= { terminals: {} });
  axiom.terminals[id] = terminal;
  return () => {
    // Only remove our own entry: a remounted pane may already have registered a new one.
    if (axiom.terminals[id] === terminal) delete axiom.terminals[id];
  };
}
