// Runs real inventory processes against the embedded broker and PostgreSQL; the long tests set
// their own timeouts (testTimeout is a global option, ignored in a project's config).
module.exports = { ...require('../../jest.preset')('tools/demo-scale') };
