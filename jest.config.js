// Every project with a jest.config.js under apps/ or libs/ runs as one Jest project.
const fs = require('node:fs');
const path = require('node:path');

const projects = ['apps', 'libs', 'e2e']
  .flatMap((dir) =>
    fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [],
  )
  .filter((dir) => fs.existsSync(path.join(dir, 'jest.config.js')))
  .map((dir) => `<rootDir>/${dir}`);

module.exports = { projects };
