module.exports = { ...require('../../jest.preset')('tools/kafka') };
