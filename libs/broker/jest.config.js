module.exports = { ...require('../../jest.preset')('libs/broker'), testTimeout: 60_000 };
