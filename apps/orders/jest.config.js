module.exports = { ...require('../../jest.preset')('apps/orders') };
