import type { HTMLAttributes } from 'react';
import type { StatusTone } from '@/lib/session-format';

const TONES: Record<StatusTone | 'accent', { box: string; dot: string }> = {
  ok: { box: 'text-ok bg-ok/10 border-ok/30', dot: 'bg-ok' },
  warn: { box: 'text-warn bg-warn/10 border-warn/30', dot: 'bg-warn animate-pulse' },
  idle: { box: 'text-idle bg-idle/10 border-idle/30', dot: 'bg-idle' },
  bad: { box: 'text-bad bg-bad/10 border-bad/30', dot: 'bg-bad' },
  accent: { box: 'text-accent bg-accent/10 border-accent/30', dot: 'bg-accent' },
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone: StatusTone | 'accent';
}

/** A status pill: a coloured dot plus text, so the state never relies on colour alone. */
export function Badge({ tone, className = '', children, ...rest }: BadgeProps) {
  const t = TONES[tone];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-[11px] font-medium leading-4 whitespace-nowrap ${t.box} ${className}`}
      {...rest}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${t.dot}`} />
      {children}
    </span>
  );
}
