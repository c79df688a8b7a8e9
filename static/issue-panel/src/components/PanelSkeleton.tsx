import Skeleton from '@atlaskit/skeleton';
import { Inline, Stack } from '@atlaskit/primitives/compiled';

/** The shape of the environments table while the first answer is on its way. */
export function PanelSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-busy="true" aria-label="Loading deployments" data-testid="loading-state">
      <Stack space="space.150">
        <Skeleton width="30%" height={12} isShimmering />
        {[0, 1, 2].map((row) => (
          <Inline key={row} space="space.200" alignBlock="center">
            <Skeleton width={120} height={16} isShimmering />
            <Skeleton width={80} height={16} isShimmering />
            <Skeleton width={110} height={16} isShimmering />
            <Skeleton width={90} height={16} isShimmering />
          </Inline>
        ))}
      </Stack>
    </div>
  );
}
