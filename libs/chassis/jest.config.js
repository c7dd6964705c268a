module.exports = { ...require('../../jest.preset')('libs/chassis') };
