module.exports = { ...require('../../jest.preset')('apps/console') };
