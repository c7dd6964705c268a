// Every project with a jest.config.js under apps/, libs/ or tools/ runs as one Jest project, and so
// does the root e2e/ project.
const fs = require('node:fs');
const path = require('node:path');

const projects = ['apps', 'libs', 'tools']
  .flatMap((dir) =>
    fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [],
  )
  .concat(['e2e'])
  .filter((dir) => fs.existsSync(path.join(dir, 'jest.config.js')))
  .map((dir) => `<rootDir>/${dir}`);

// testTimeout is a global option: a per-project value is ignored.
module.exports = { projects, testTimeout: 60_000 };
