module.exports = { ...require('../../jest.preset')('libs/messaging') };
