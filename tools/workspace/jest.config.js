module.exports = {
  ...require('../../jest.preset')('tools/workspace'),
  displayName: 'workspace-plugin',
};
