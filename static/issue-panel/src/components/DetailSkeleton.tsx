import Skeleton from '@atlaskit/skeleton';
import { Stack } from '@atlaskit/primitives/compiled';

export function DetailSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading builds and commits" data-testid="detail-loading">
      <Stack space="space.100">
        <Skeleton width="40%" height={16} isShimmering />
        <Skeleton width="90%" height={16} isShimmering />
        <Skeleton width="80%" height={16} isShimmering />
      </Stack>
    </div>
  );
}
