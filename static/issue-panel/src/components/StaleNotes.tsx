import SectionMessage from '@atlaskit/section-message';
import type { StaleNote } from '../../../../src/shared/contract/issue-panel';
import { formatDateTime, relativeTime } from '../../../shared/src/dates';

function Since({ note }: { readonly note: StaleNote }) {
  return (
    <>
      <span title={formatDateTime(note.failedAt)}>{relativeTime(note.failedAt)}</span>
      {note.lastSuccessAt ? (
        <>
          {' '}
          (last success <span title={formatDateTime(note.lastSuccessAt)}>{relativeTime(note.lastSuccessAt)}</span>)
        </>
      ) : null}
    </>
  );
}

/**
 * Data may be out of date because a CI connection the project uses stopped syncing. Admins get
 * each connection's error and hint; everyone else only that the data may be out of date (the
 * backend sends them nothing more).
 */
export function StaleNotes({ notes }: { readonly notes: readonly StaleNote[] }) {
  if (notes.length === 0) return null;
  return (
    <div data-testid="stale-note">
      <SectionMessage appearance="warning" title="Deploys may be out of date">
        {notes.map((note, i) =>
          note.detail ? (
            <div key={note.detail.connectionId} data-testid="stale-note-detail">
              <p>
                Syncing a CI server this project uses failed <Since note={note} />: {note.detail.message}
              </p>
              {note.detail.hint ? <p>{note.detail.hint}</p> : null}
            </div>
          ) : (
            <p key={`stale-${i}`}>
              Fetching the latest builds and deploys started failing <Since note={note} />, so recent deploys may be missing here.
              Admins of this project see which CI server and why.
            </p>
          ),
        )}
      </SectionMessage>
    </div>
  );
}
