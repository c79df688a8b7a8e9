/**
 * Copy-ready set-up text for a connection's build webhook. The Jenkins snippets use only curl
 * and openssl: HMAC-SHA256 over "<timestamp>.<body>" (src/webtrigger/build-events/jenkins.ts),
 * the secret kept in a Jenkins "Secret text" credential, never in the job. `--retry` resends on the
 * 503 the app answers while a sync holds the connection (curl honours its Retry-After, and the
 * signature stays valid for five minutes).
 */
export const JENKINS_CREDENTIAL_ID = 'deploy-tracker-webhook';

const sendLines = (url: string) => `ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$DT_SECRET" -hex | sed 's/^.* //')
curl -fsS --retry 3 -X POST '${url}' -H 'Content-Type: application/json' \\
  -H "X-Deploy-Tracker-Timestamp: $ts" -H "X-Deploy-Tracker-Signature: sha256=$sig" -d "$body" || true`;

/** Declarative Pipeline: the last lines of the Jenkinsfile's pipeline block. */
export function jenkinsfileSnippet(url: string): string {
  return `post {
  always {
    withCredentials([string(credentialsId: '${JENKINS_CREDENTIAL_ID}', variable: 'DT_SECRET')]) {
      withEnv(["DT_RESULT=\${currentBuild.currentResult}", "DT_STARTED=\${currentBuild.startTimeInMillis}", "DT_DURATION=\${currentBuild.duration}"]) {
        sh '''
body=$(printf '{"job":"%s","number":%s,"result":"%s","startedAt":%s,"durationMs":%s,"url":"%s","sha":"%s","branch":"%s"}' \\
  "$JOB_NAME" "$BUILD_NUMBER" "$DT_RESULT" "$DT_STARTED" "$DT_DURATION" "$BUILD_URL" "\${GIT_COMMIT:-}" "\${GIT_BRANCH:-}")
${sendLines(url)}
'''
      }
    }
  }
}`;
}

/** Freestyle: a first build step notes the start; a post-build shell (PostBuildScript plugin) sends the result. */
export function freestyleSnippet(url: string): string {
  return `# Build step "Execute shell", first of the job:
echo "$(date +%s)000" > .deploy-tracker-started

# Post-build action "Execute scripts" (PostBuildScript plugin), run for every result, with the
# "${JENKINS_CREDENTIAL_ID}" credential bound to DT_SECRET. Set RESULT per result it runs for,
# e.g. one script for SUCCESS (RESULT=SUCCESS) and one for FAILURE and UNSTABLE (RESULT=FAILURE).
RESULT="\${RESULT:-SUCCESS}"
started=$(cat .deploy-tracker-started 2>/dev/null || echo "$(date +%s)000")
duration=$(( $(date +%s)000 - started ))
body=$(printf '{"job":"%s","number":%s,"result":"%s","startedAt":%s,"durationMs":%s,"url":"%s","sha":"%s","branch":"%s"}' \\
  "$JOB_NAME" "$BUILD_NUMBER" "$RESULT" "$started" "$duration" "$BUILD_URL" "\${GIT_COMMIT:-}" "\${GIT_BRANCH:-}")
${sendLines(url)}`;
}

export const BUILDKITE_STEPS = [
  'In Buildkite, open Settings, then Notification Services, and add a Webhook.',
  'Paste the URL above as the Webhook URL, and the secret as its Token.',
  'Choose to send the token as "X-Buildkite-Signature" (the plain X-Buildkite-Token is refused: it could be replayed).',
  'Select the events build.scheduled, build.running, build.failing and build.finished, and the pipelines of this connection.',
] as const;

export const CIRCLECI_STEPS = [
  'Either let Deploy Tracker create the webhook in each project with the connection\'s token (an organisation admin\'s token; a project takes at most 5 webhooks),',
  'or, in CircleCI, open each project\'s Project Settings, then Webhooks, and add one: the URL above, the secret as its "Secret token", the events workflow-completed and job-completed.',
] as const;
