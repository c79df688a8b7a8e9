// The map from manifest.yml to code: every function key's handler, and nothing else.
export { uiResolver } from './resolvers';
export { syncScheduler, syncWorker } from './sync/entry-points';
export { historyWorker } from './sync/history';
export { deployRegistration } from './webtrigger/deploy-registration';
export { buildkiteBuildEvents, circleciBuildEvents, jenkinsBuildEvents } from './webtrigger/build-events';
export {
  jenkinsListJobsAction,
  jenkinsJobHealthAction,
  jenkinsBuildDetailsAction,
  jenkinsBuildLogAction,
  jenkinsQueueAction,
  jenkinsPipelineStagesAction,
} from './rovo/actions';
