/** The production lane's Jest: only test/production, started by test/production/run.mjs. */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/production'],
  testPathIgnorePatterns: ['/node_modules/'],
};
