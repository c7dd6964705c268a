module.exports = { ...require('../../jest.preset')('libs/testing') };
