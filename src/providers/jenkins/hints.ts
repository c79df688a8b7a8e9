import type { HintOverrides } from '../http/status-errors';

/** Jenkins' troubleshooting hints, by the typed error they go with (src/domain/errors.ts). */
export const JENKINS_HINTS: HintOverrides = {
  AuthError:
    "Check the Jenkins user name and API token (the user's Configure page, API Token). The token may have " +
    'been revoked, or the URL may point at a different Jenkins.',
  PermissionError:
    'The Jenkins user needs the Overall/Read and Job/Read permissions (on every folder to be tracked). ' +
    'If it has them, check that no proxy strips the Authorization header: Jenkins refuses anonymous requests the same way.',
  NotFound: 'Check the Jenkins URL, including its context path when Jenkins runs under one (https://ci.example.com:8443/jenkins).',
  ServiceUnavailable:
    'Jenkins answers this while it is starting or in quiet-down mode (preparing for a restart). Retry in a few minutes.',
};

export const STAGES_HINTS: HintOverrides = {
  NotFound:
    'Stages need the Pipeline Stage View plugin (pipeline-stage-view, which provides /wfapi), and only Pipeline ' +
    'jobs have them. Install the plugin, or ignore stages for this job.',
};

// Jenkins answers 404 both for what does not exist and for what the user may not see.
export const JOB_HINTS: HintOverrides = {
  NotFound:
    "Check the job's full name: folders separated by /, as in the job's URL (folder/job/branch). Jenkins also " +
    'answers 404 for a job the Jenkins user has no Job/Read permission on.',
};

export const BUILD_HINTS: HintOverrides = {
  NotFound:
    "The build does not exist: check the job's full name and the build number. The job's build discarder may " +
    'have deleted it, or (for the last failed or last successful build) the job has no such build yet.',
};

export const LOG_HINTS: HintOverrides = {
  NotFound: `${BUILD_HINTS.NotFound} Builds that have not started yet have no log.`,
};
