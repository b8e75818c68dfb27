// Dates in tests are UTC regardless of the machine.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const swc = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  ...base,
  // d3-color >= 3.1.1 ships .mjs, which the scaffold's transform does not match.
  transform: { ...base.transform, '^.+\\.mjs$': swc },
};
