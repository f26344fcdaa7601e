import type { ComponentProps } from 'react';

type Variant = 'primary' | 'ghost' | 'danger';
type Size = 'sm' | 'md';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-canvas hover:bg-accent-strong font-medium',
  ghost: 'text-fg/85 hover:bg-raised hover:text-fg border border-line',
  danger: 'text-bad border border-bad/40 hover:bg-bad/15',
};

const SIZES: Record<Size, string> = {
  sm: 'h-7 px-2 text-xs gap-1',
  md: 'h-9 px-3.5 text-sm gap-1.5',
};

/** A button's props, `ref` included (React 19 passes it as a prop): popovers focus their trigger again. */
export interface ButtonProps extends ComponentProps<'button'> {
  variant?: Variant;
  size?: Size;
}

export function Button({ variant = 'ghost', size = 'md', className = '', type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex shrink-0 items-center justify-center rounded-md transition-colors disabled:cursor-not-allowed disabled:opacity-45 ${VARIANTS[variant]} ${SIZES[size]} ${className}`}
      {...rest}
    />
  );
}
