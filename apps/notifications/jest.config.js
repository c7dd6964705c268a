module.exports = { ...require('../../jest.preset')('apps/notifications') };
