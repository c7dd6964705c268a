module.exports = require('../../jest.preset')('libs/broker');
