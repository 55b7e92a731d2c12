// A small client for the fixtures.
class Client {
  constructor(options) {
    this.options = options;
  }
}

module.exports = { Client };
