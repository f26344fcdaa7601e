/** The look of the dialogs' form controls, shared so every "start something" form reads the same. */
export const FIELD_CLASS =
  'h-9 w-full rounded-md border border-line bg-canvas px-2.5 text-sm text-fg placeholder:text-faint focus:border-accent/60 focus:outline-none';
export const LABEL_CLASS = 'mb-1 block text-xs font-medium text-muted';
