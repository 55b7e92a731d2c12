// Stand-in for an SDK client so the fixture reads like real code; holds no findings.
class Client {
  constructor(options) {
    this.options = options;
  }
}

module.exports = { Client };
