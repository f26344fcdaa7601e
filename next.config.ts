import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Type checking is done once, for the whole repository (server, protocol and UI), by
  // `tsc --noEmit` in `npm test`. Letting `next build` re-run it would double the build
  // time on a 2-core machine and check only the part of the tree Next compiles.
  typescript: { ignoreBuildErrors: true },
  // Double-invoked effects in development catch xterm/socket listeners that are not
  // disposed in cleanup.
  reactStrictMode: true,
  // The dashboard is served by our own custom server, behind an auth cookie; the
  // `X-Powered-By` header only tells an attacker what to look for.
  poweredByHeader: false,
};

export default nextConfig;
