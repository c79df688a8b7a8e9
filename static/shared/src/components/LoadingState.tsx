import Skeleton from '@atlaskit/skeleton';
import Spinner from '@atlaskit/spinner';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';

/** Shown while the first answer is on its way; announced once to screen readers. */
export function LoadingState({ label = 'Loading' }: { readonly label?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="loading-state">
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Spinner size="small" label={label} />
          <Text color="color.text.subtle">{label}…</Text>
        </Inline>
        <Skeleton width="60%" height={16} isShimmering />
        <Skeleton width="40%" height={16} isShimmering />
      </Stack>
    </div>
  );
}
