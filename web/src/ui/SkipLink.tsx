import { useIntl } from 'react-intl';

export const MAIN_ID = 'main';

/** The first focusable element of every page: jumps past header and navigation. */
export function SkipLink() {
  const intl = useIntl();
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} data-testid="skip-link">
      {intl.formatMessage({ id: 'app.skipLink' })}
    </a>
  );
}
