import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import Spinner from '@atlaskit/spinner';
import { CONNECTION_RESOLVERS as KEYS, removedSchema, usageSchema, type ConnectionView, type Removed } from '../../../../src/shared/contract/connections';
import { callResolver } from '../resolvers';
import { useAction } from '../hooks/useAction';
import { useLoaded } from '../hooks/useLoaded';
import { FailureMessage } from '../components/FailureMessage';

export interface RemoveDialogProps {
  readonly connection: ConnectionView;
  readonly onRemoved: (result: Removed) => void;
  readonly onClose: () => void;
}

/** Confirms a removal, naming the projects whose settings use the connection. */
export function RemoveDialog({ connection, onRemoved, onClose }: RemoveDialogProps) {
  const { state } = useLoaded(() => callResolver(KEYS.usage, { id: connection.id }, usageSchema));
  const remove = useAction(async () => {
    onRemoved(await callResolver(KEYS.remove, { id: connection.id }, removedSchema));
  });
  return (
    <Modal onClose={onClose} testId="remove-dialog" label={`Remove ${connection.name}`}>
      <ModalHeader>
        <ModalTitle appearance="danger">Remove “{connection.name}”?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        {state.status === 'loading' ? <Spinner size="small" label="Looking for projects that use it" /> : null}
        {state.status === 'error' ? <FailureMessage title="Could not check which projects use it" failure={state.failure} /> : null}
        {state.status === 'ready' ? (
          <p data-testid="remove-usage">
            {state.data.projects.length === 0
              ? 'No project uses this connection. Its builds stop syncing and its token is deleted.'
              : `Used by ${state.data.projects.join(', ')}: ${state.data.projects.length === 1 ? 'its' : 'their'} default build server and ` +
                'deploy sources on this connection will be cleared, its builds stop syncing and its token is deleted.'}
          </p>
        ) : null}
        {remove.failure ? <FailureMessage title="The connection was not removed" failure={remove.failure} /> : null}
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button appearance="danger" isDisabled={state.status !== 'ready'} isLoading={remove.busy} onClick={() => void remove.act()}>
          Remove connection
        </Button>
      </ModalFooter>
    </Modal>
  );
}
