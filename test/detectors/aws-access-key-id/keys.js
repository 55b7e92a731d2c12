// expect: aws-access-key-id
const accessKeyId = "AKIAZ3MSJV2KD7QX4N5P";

// ok: aws-access-key-id
const documented = "AKIAIOSFODNN7EXAMPLE";

// ok: aws-access-key-id
const fromEnv = process.env.AWS_ACCESS_KEY_ID;
