module.exports = { ...require('../../jest.preset')('libs/persistence') };
