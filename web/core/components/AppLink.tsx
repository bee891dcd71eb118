import { Link, type LinkProps } from 'react-router';

/** A client-side route link with the look of an NL Design System link. */
export function AppLink({ className, ...props }: LinkProps) {
  return <Link {...props} className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')} />;
}
