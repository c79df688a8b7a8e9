import Skeleton from '@atlaskit/skeleton';
import { Stack } from '@atlaskit/primitives/compiled';
import { cardStyle } from './MeasureCard';

const gridStyle = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 16 } as const;

/** Five card-shaped skeletons while the figures load; announced once to screen readers. */
export function LoadingCards() {
  return (
    <div role="status" aria-live="polite" aria-label="Loading the DORA figures" data-testid="loading-state" style={gridStyle}>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} style={cardStyle}>
          <Stack space="space.150">
            <Skeleton width="50%" height={16} isShimmering />
            <Skeleton width="35%" height={28} isShimmering />
            <Skeleton width="70%" height={12} isShimmering />
            <Skeleton width="100%" height={120} isShimmering />
          </Stack>
        </div>
      ))}
    </div>
  );
}
