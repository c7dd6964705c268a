module.exports = { ...require('../../jest.preset')('tools/launcher') };
