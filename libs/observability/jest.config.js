module.exports = { ...require('../../jest.preset')('libs/observability') };
