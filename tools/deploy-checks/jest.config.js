// Static checks of docker-compose.yml, the Dockerfile and k8s/: no Docker engine or cluster needed.
module.exports = { ...require('../../jest.preset')('tools/deploy-checks') };
