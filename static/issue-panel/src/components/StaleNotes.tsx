import SectionMessage from '@atlaskit/section-message';
import type { StaleNote } from '../../../../src/shared/contract/issue-panel';
import { exactTime, relativeTime } from '../format';

/** Data may be out of date because a CI connection the project uses stopped syncing. */
export function StaleNotes({ notes }: { readonly notes: readonly StaleNote[] }) {
  if (notes.length === 0) return null;
  return (
    <div data-testid="stale-note">
      <SectionMessage appearance="warning" title="Deploys may be out of date">
        {notes.map((note) => (
          <div key={note.connectionId}>
            <p>
              Syncing a CI server this project uses failed <span title={exactTime(note.failedAt)}>{relativeTime(note.failedAt)}</span>
              {note.lastSuccessAt ? (
                <>
                  {' '}
                  (last success <span title={exactTime(note.lastSuccessAt)}>{relativeTime(note.lastSuccessAt)}</span>)
                </>
              ) : null}
              : {note.message}
            </p>
            {note.hint ? <p>{note.hint}</p> : null}
          </div>
        ))}
      </SectionMessage>
    </div>
  );
}
