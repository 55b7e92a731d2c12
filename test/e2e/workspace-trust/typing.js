// Fixture for the false-label check: only typed code and IntelliSense accepts go below.
const store = {
  readRecord(id) { return id; },
  writeRecord(id, value) { return { id, value }; },
  deleteRecord(id) { return id; },
  listRecords(from, to) { return [from, to]; },
  countRecords(from, to) { return to - from; },
  openConnection(host, port) { return { host, port }; },
  closeConnection(conn, reason) { return [conn, reason]; },
  beginTransaction(conn, name) { return [conn, name]; },
  commitTransaction(conn, name) { return [conn, name]; },
  rollbackTransaction(conn, name) { return [conn, name]; },
};

