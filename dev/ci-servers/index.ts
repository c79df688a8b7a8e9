/**
 * Local stand-ins for Jenkins, Buildkite and CircleCI, for `npm start`'s demo, the sync bench and
 * tests. See README.md for what each answers and how it is shaped on the recorded fixtures.
 */
export { startCiStandIns, SCALE_WORLD, type CiStandIns, type CiStandInsOptions, type DemoSettings, type GrowAllResult } from './all';
export { startJenkinsStandIn, type JenkinsStandIn, type JenkinsStandInOptions } from './jenkins/server';
export { startBuildkiteStandIn, type BuildkiteStandIn, type BuildkiteStandInOptions } from './buildkite/server';
export { startCircleCiStandIn, type CircleCiStandIn, type CircleCiStandInOptions } from './circleci/server';
export { startGitHostStandIn, type GitHostStandIn, type GitHostStandInOptions } from './git-host/server';
export { EXAMPLE_REMOTES, remotesAt, type GitRemotes } from './shared/remotes';
export { CiWorld, DEMO_FEATURE_BRANCHES, type CiWorldOptions, type CommitPlan, type DeployEnvironment } from './shared/world';
export type { Commit } from './shared/commits';
export { DEMO_CREDENTIALS, DEMO_BUILDKITE_SCOPES } from './shared/credentials';
export type { Fault, Faults } from './shared/faults';
export type { RequestStats } from './shared/http';
export type { Reply, StandInRequest } from './shared/reply';
export { demoLayout, scaleLayout, HUGE_LOG_BYTES, type ItemSpec, type JobSpec, type FolderSpec, type ScaleLayoutOptions } from './jenkins/layout';
export type { JenkinsModel, Result as JenkinsResult } from './jenkins/model';
export type { JenkinsScript, Override as JenkinsOverride, ScriptedBuild, ScriptedCommit } from './jenkins/script';
export { demoPipelines, scalePipelines, type BuildkiteModel, type PipelineSpec } from './buildkite/model';
export { demoProjects, scaleProjects, type CircleCiModel, type ProjectSpec } from './circleci/model';
export { startBuildkiteWebhooks } from './buildkite/webhooks';
export { startCircleCiWebhooks } from './circleci/webhooks';
export type { WebhookSender, WebhookTarget } from './shared/webhook-sender';
