/**
 * Stands in for `@atlaskit/feature-gate-js-client` in our Custom UI bundles (see scripts/build-ui.mjs).
 * Atlaskit asks it about its own internal rollouts; outside Atlassian's products the real client is
 * never initialised, so it answers "off" after logging an error, while weighing ~35 KB gzipped.
 * This stub gives the same answers without the weight or the noise.
 */
const FeatureGates = {
  checkGate: (_gateName: string): boolean => false,
  getExperimentValue: <T>(_experimentName: string, _parameterName: string, defaultValue: T): T => defaultValue,
  initializeCompleted: (): boolean => false,
};

export default FeatureGates;
