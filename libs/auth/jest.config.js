module.exports = { ...require('../../jest.preset')('libs/auth') };
