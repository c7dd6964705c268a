module.exports = { ...require('../../jest.preset')('apps/analytics') };
