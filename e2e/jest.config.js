// Each test file starts the whole system once: an embedded broker and the four services as child
// processes. Tests that wait on the system pass their own timeouts.
module.exports = { ...require('../jest.preset')('e2e') };
