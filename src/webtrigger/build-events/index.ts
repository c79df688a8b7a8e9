import type { WebtriggerResponse } from '../http';
import { buildkiteScheme } from './buildkite';
import { circleCiScheme } from './circleci';
import { jenkinsScheme } from './jenkins';
import { receiveBuildEvent } from './receive';

/** Web trigger `build-events-buildkite`: Buildkite pipeline webhooks. */
export const buildkiteBuildEvents = (event: unknown): Promise<WebtriggerResponse> => receiveBuildEvent(buildkiteScheme, event);
/** Web trigger `build-events-circleci`: CircleCI outbound webhooks. */
export const circleciBuildEvents = (event: unknown): Promise<WebtriggerResponse> => receiveBuildEvent(circleCiScheme, event);
/** Web trigger `build-events-jenkins`: the signed event a Jenkins build sends with curl and openssl. */
export const jenkinsBuildEvents = (event: unknown): Promise<WebtriggerResponse> => receiveBuildEvent(jenkinsScheme, event);
