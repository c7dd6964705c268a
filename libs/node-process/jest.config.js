module.exports = { ...require('../../jest.preset')('libs/node-process') };
