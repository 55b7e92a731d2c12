// expect: aws-access-key-id
const accessKeyId = process.env.ACCESS_KEY_ID;

// ok: aws-access-key-id
const documented = "AKIAIOSFODNN7EXAMPLE";

// ok: aws-access-key-id
const fromEnv = process.env.AWS_ACCESS_KEY_ID;
