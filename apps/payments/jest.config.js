module.exports = { ...require('../../jest.preset')('apps/payments') };
