import { pipelineState, workflowState } from '../../../src/providers/circleci/map';
import type { WirePipeline, WireWorkflow } from '../../../src/providers/circleci/wire';

const pipeline = (state: string, errors: WirePipeline['errors'] = []): WirePipeline => ({ id: 'p', number: 1, project_slug: 'gh/acme/app', state, errors });
const workflow = (status: string): WireWorkflow => ({ id: status, name: status, status });

describe("a CircleCI pipeline's state comes from its workflows, not from pipeline.state", () => {
  it.each([
    [['success'], 'successful'],
    [['success', 'failed'], 'failed'],
    [['failed', 'running'], 'in_progress'],
    [['success', 'on_hold'], 'pending'],
    [['success', 'canceled'], 'cancelled'],
    [['not_run'], 'cancelled'],
    [['error'], 'failed'],
    [['unauthorized'], 'failed'],
    [['failing'], 'in_progress'],
    [['success', 'something-new'], 'unknown'],
  ])('workflows %j: %s', (statuses, expected) => {
    expect(pipelineState(pipeline('created'), statuses.map(workflow))).toBe(expected);
  });

  it('without workflows: errored setup failed, setup still pending, otherwise unknown', () => {
    expect(pipelineState(pipeline('errored', [{ type: 'config-fetch', message: 'Failed to fetch config.yml file.' }]), [])).toBe('failed');
    expect(pipelineState(pipeline('setup-pending'), [])).toBe('pending');
    expect(pipelineState(pipeline('created'), [])).toBe('unknown');
  });

  it('keeps unknown workflow statuses as unknown', () => {
    expect(workflowState(null)).toBe('unknown');
    expect(workflowState('Decoupled')).toBe('unknown');
  });
});
