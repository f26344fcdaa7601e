// State the bench installs in the dashboard page to time things where they happen.
declare global {
  interface Window {
    __benchEcho?: Record<string, { t0: number; samples: number[]; waiters: Array<{ n: number; resolve: () => void }> }>;
    __benchStream?: Record<string, { firstAt: number; endAt: number; lastParsedAt: number; lineFeeds: number; bytesSeen: number; resets: number }>;
  }
}
export {};
