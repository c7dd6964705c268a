module.exports = { ...require('../../jest.preset')('apps/inventory') };
