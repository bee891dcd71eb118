import { useEffect, useRef } from 'react';

/**
 * Focus for a form that opens in place of its button: its first field when it opens, back to
 * the button when it closes. After a save whose notice takes focus, call `keepFocus()` before
 * closing, so closing does not pull focus back to the button.
 */
export function useInPlaceFocus<P extends HTMLElement = HTMLDivElement>(open: boolean) {
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<P>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else if (wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return {
    trigger,
    panel,
    keepFocus: () => {
      wasOpen.current = false;
    },
  };
}
