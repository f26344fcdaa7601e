import type { HTMLAttributes } from 'react';
import type { StatusTone } from '@/lib/session-format';

/** The pill's colours per tone; also used by pills that are buttons (the verification badge). */
export const TONE_BOX_CLASS: Record<StatusTone | 'accent', string> = {
  ok: 'text-ok bg-ok/10 border-ok/30',
  warn: 'text-warn bg-warn/10 border-warn/30',
  idle: 'text-idle bg-idle/10 border-idle/30',
  bad: 'text-bad bg-bad/10 border-bad/30',
  accent: 'text-accent bg-accent/10 border-accent/30',
};

const DOT_CLASS: Record<StatusTone | 'accent', string> = {
  ok: 'bg-ok',
  warn: 'bg-warn motion-safe:animate-pulse-brief',
  idle: 'bg-idle',
  bad: 'bg-bad',
  accent: 'bg-accent',
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone: StatusTone | 'accent';
}

/** A status pill: a coloured dot plus text, so the state never relies on colour alone. */
export function Badge({ tone, className = '', children, ...rest }: BadgeProps) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-[11px] font-medium leading-4 whitespace-nowrap ${TONE_BOX_CLASS[tone]} ${className}`}
      {...rest}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${DOT_CLASS[tone]}`} />
      {children}
    </span>
  );
}
