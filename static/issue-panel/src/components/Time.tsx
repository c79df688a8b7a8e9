import { formatDateTime, relativeTime } from '../../../shared/src/dates';
import { subtle } from '../styles';

/** "3 hours ago" with the exact time beside it (or in its title when space is short). */
export function Time({ iso, showExact = false }: { readonly iso: string; readonly showExact?: boolean }) {
  const exact = formatDateTime(iso);
  return (
    <span>
      <time dateTime={iso} title={exact}>
        {relativeTime(iso)}
      </time>
      {showExact ? (
        <>
          <br />
          <span style={subtle}>{exact}</span>
        </>
      ) : null}
    </span>
  );
}
