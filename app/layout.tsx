import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Axiom Console',
  description: 'Run many AI coding agents at once, watch them live, and keep them honest.',
};

export const viewport: Viewport = {
  themeColor: '#15171c',
  colorScheme: 'dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body>{children}</body>
    </html>
  );
}
