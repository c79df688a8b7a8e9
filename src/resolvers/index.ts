import Resolver from '@forge/resolver';
import { defineAppAccessResolvers } from './app-access';
import { defineAppInfoResolvers } from './app-info';
import { defineIssuePanelResolvers } from './issue-panel';
import { defineJenkinsInsightResolvers } from './jenkins-insight';
import { defineConnectionResolvers } from './connections';
import { defineDoraResolvers } from './dora';
import { defineProjectSettingsResolvers } from './project-settings';
import { defineWebhookResolvers } from './webhooks';
import { defineHistoryResolvers } from './history';

const resolver = new Resolver();
defineAppInfoResolvers(resolver);
defineIssuePanelResolvers(resolver);
defineJenkinsInsightResolvers(resolver);
defineConnectionResolvers(resolver);
defineProjectSettingsResolvers(resolver);
defineAppAccessResolvers(resolver);
defineDoraResolvers(resolver);
defineWebhookResolvers(resolver);
defineHistoryResolvers(resolver);

/** The one resolver function behind every Custom UI module (see manifest.yml `ui-resolver`). */
export const uiResolver = resolver.getDefinitions();
