import LinkExternalIcon from '@atlaskit/icon/core/link-external';
import type { DeployRow } from '../../../../src/shared/contract/issue-panel';
import { safeLink } from '../../../../src/shared/safe-link';
import { ExternalLink } from '../../../shared/src/components/ExternalLink';

/** "deploy-prod #42", linked to the CI run when there is a link; or just the link's icon. */
export function RunLink({ deploy, iconOnly = false }: { readonly deploy: DeployRow; readonly iconOnly?: boolean }) {
  const name = `${deploy.pipeline.displayName} #${deploy.sequence}`;
  const href = safeLink(deploy.url) ?? safeLink(deploy.pipeline.url);
  if (!href) return iconOnly ? null : <span>{name}</span>;
  const label = `Open ${name} in the CI server`;
  if (iconOnly) {
    return (
      <ExternalLink href={href} label={label} bare>
        <LinkExternalIcon label="" color="currentColor" />
      </ExternalLink>
    );
  }
  return (
    <ExternalLink href={href} label={label}>
      {name}
    </ExternalLink>
  );
}
