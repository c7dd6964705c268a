module.exports = { ...require('../../jest.preset')('tools/build') };
