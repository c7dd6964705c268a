module.exports = { ...require('../../jest.preset')('tools/dlt') };
