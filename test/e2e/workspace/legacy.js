// Fixture for the e2e tests: a fake AWS access key ID left in a script.
const s3Config = {
  region: 'eu-west-1',
  accessKeyId: "AKIAP5ECNCS6SK67PU7E",
};

module.exports = { s3Config };
