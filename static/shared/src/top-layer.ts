import { setBooleanFeatureFlagResolver } from '@atlaskit/platform-feature-flags';

// Atlaskit's legacy modal locks page scroll by injecting a <style> element (react-scrolllock),
// which Forge's Content Security Policy (style-src 'self') refuses. Its top-layer rendering, behind
// this Atlaskit flag, uses the browser's top layer and sets body.style instead. Every other flag
// stays off, as Atlaskit's uninitialised feature-gate client answers outside Atlassian's products.
setBooleanFeatureFlagResolver((flag) => flag === 'platform-dst-top-layer');
