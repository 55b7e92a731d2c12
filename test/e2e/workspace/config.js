// Fixture for the e2e tests: a fake key in the shape an assistant pastes from a tutorial.
const { Client } = require('./client');

const client = new Client({ apiKey: "sk-proj-LFMmL6mdo58I71WkmTIJfSRlBvUIef7unUM0VJuVesc00Hvp3N3E26ve" });

module.exports = { client };
