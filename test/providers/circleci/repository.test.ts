import { z } from 'zod';
import { mapCircleCiPipeline } from '../../../src/providers/circleci/map';
import { pipelineSchema } from '../../../src/providers/circleci/wire';
import { fixture } from '../support/recorded-server';

describe('a CircleCI pipeline’s repository, for Jira’s build references', () => {
  it("takes the target repository a recorded pipeline's vcs names", () => {
    // Given a recorded pipeline list of LF-Engineering/da-ds
    const list = z.object({ items: z.array(z.unknown()) }).parse(JSON.parse(fixture('circleci/lf-engineering-da-ds/pipeline-list_GET-project-gh-LF-Engineering-da-ds-pipeline.json').toString('utf8')));
    const pipeline = pipelineSchema.parse(list.items[0]);
    // When its first pipeline is mapped
    const build = mapCircleCiPipeline(pipeline, [], { connectionId: 'circleci-1', apiBaseUrl: 'https://circleci.com/api/v2' });
    // Then the build names the repository's web address
    expect(build.repositoryUrl).toBe('https://github.com/LF-Engineering/da-ds');
  });
});
