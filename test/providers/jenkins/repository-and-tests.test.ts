import { mapJenkinsBuild } from '../../../src/providers/jenkins/map-build';
import { buildSchema as wireBuildSchema } from '../../../src/providers/jenkins/wire';
import { fixture } from '../support/recorded-server';

const job = { id: 'ci-eye', displayName: 'ci-eye', url: 'https://ci.example.test/job/ci-eye/', folderPath: [] };

describe('a Jenkins build’s repository and test counts, for Jira’s build references and testInfo', () => {
  it('takes the repository from the BuildData remote of a recorded build, as a web address', () => {
    // Given a recorded build whose git checkout cloned git@github.com:netmelody/ci-eye.git
    const wire = wireBuildSchema.parse(JSON.parse(fixture('jenkins/netmelody-ci-eye/jenkins_2.60.1_builddetail_1.json').toString('utf8')));
    // When it is mapped
    const build = mapJenkinsBuild(wire, { connectionId: 'jenkins-1', job });
    // Then the build names the repository's https address, and no test counts (it has no test result action)
    expect(build.repositoryUrl).toBe('https://github.com/netmelody/ci-eye');
    expect(build.tests).toBeUndefined();
  });

  it("counts a test result action's tests, passed being what neither failed nor was skipped", () => {
    // Given a build with a JUnit test result action
    const wire = wireBuildSchema.parse({
      number: 7,
      result: 'UNSTABLE',
      building: false,
      timestamp: 1_700_000_000_000,
      duration: 1000,
      actions: [{}, { _class: 'hudson.tasks.junit.TestResultAction', failCount: 2, skipCount: 3, totalCount: 40 }],
    });
    // Then its counts are kept, and no repository is guessed
    const build = mapJenkinsBuild(wire, { connectionId: 'jenkins-1', job });
    expect(build.tests).toEqual({ total: 40, failed: 2, skipped: 3, passed: 35 });
    expect('repositoryUrl' in build).toBe(false);
  });
});
