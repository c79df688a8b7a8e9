import { ENVIRONMENT_TYPES } from '../../src/domain/environment';
import { BUILD_STATES } from '../../src/domain/build';
import { DEPLOY_STATES } from '../../src/domain/deploy';
import { ENVIRONMENT_TYPE_LOOK, STATE_LOOK } from '../../static/shared/src/labels';

const sentenceCase = /^[A-Z][a-z]*( [a-z]+)*$/;

describe('the labels every page shows in lozenges', () => {
  test('given every build and deploy state, then each has its own sentence-case label', () => {
    const states = [...new Set([...BUILD_STATES, ...DEPLOY_STATES])];
    const labels = states.map((state) => STATE_LOOK[state].label);
    for (const label of labels) expect(label).toMatch(sentenceCase);
    expect(new Set(labels).size).toBe(states.length);
  });

  test('given every Jira environment type, then each reads as Jira names it, unmapped as Other', () => {
    const labels = ENVIRONMENT_TYPES.map((type) => ENVIRONMENT_TYPE_LOOK[type].label);
    expect(labels).toEqual(['Production', 'Staging', 'Testing', 'Development', 'Other']);
  });
});
