module.exports = { ...require('../../jest.preset')('libs/contracts') };
