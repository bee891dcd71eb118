/** Two links of a chain: the "schakel". Decorative; the name beside it is the text. */
export function LogoMark() {
  return (
    <svg className="schakel-logo" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
      <rect width="48" height="48" rx="6" className="schakel-logo__tile" />
      <g fill="none" strokeWidth="4.5" className="schakel-logo__links">
        <rect x="7" y="16.5" width="20" height="15" rx="7.5" />
        <rect x="21" y="16.5" width="20" height="15" rx="7.5" />
      </g>
    </svg>
  );
}
