import { Stack, Text } from '@atlaskit/primitives/compiled';
import { DORA_BANDS_SOURCE } from '../../../src/shared/contract/dora';
import { ExternalLink } from '../../shared/src/components/ExternalLink';

/** Where the bands come from and how a figure gets one, shown on the page so nobody reads more into a band. */
export function Citation() {
  return (
    <footer data-testid="bands-citation">
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          Bands (elite, high, medium, low) as defined by the{' '}
          <ExternalLink href={DORA_BANDS_SOURCE.url}>
            {DORA_BANDS_SOURCE.title}
          </ExternalLink>{' '}
          ({DORA_BANDS_SOURCE.publisher}, {DORA_BANDS_SOURCE.year}). {DORA_BANDS_SOURCE.rule}
        </Text>
        <Text size="small" color="color.text.subtlest">
          Rework rate was added by the 2025 report, which defines no bands for it.
        </Text>
      </Stack>
    </footer>
  );
}
