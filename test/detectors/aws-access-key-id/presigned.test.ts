// aws-access-key-id inside a presigned S3 URL (`X-Amz-Credential=AKIA…/date/region/s3/aws4_request`, SigV2's
// `AWSAccessKeyId=`): presigned URLs carry the key ID by design, beside a signature that expires, never the secret
// key (fresh sample AK: ffmpeg-static's install.js asserts on a GitHub release asset's expired URL). Shown at low
// confidence; the same ID anywhere else on its own stays high.
import { ruleTester } from '../harness';

const ID = 'AKIAZ3MSJV2KD7QX4N5P';

ruleTester('aws-access-key-id', 'javascript', {
  valid: [],
  invalid: [
    { code: `const url = 'https://assets.s3.amazonaws.com/1/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ID}%2F20200405%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=d641';`, errors: [{ line: 1, confidence: 'low' }] },
    { code: `fetch('https://bucket.s3.amazonaws.com/report.pdf?AWSAccessKeyId=${ID}&Expires=1586127238&Signature=abc%3D');`, errors: [{ line: 1, confidence: 'low' }] },
    // the developer's own key: in the SDK's options, or in a URL that only names it
    { code: `const s3 = new S3Client({ credentials: { accessKeyId: '${ID}', secretAccessKey: process.env.SECRET } });`, errors: [{ line: 1, confidence: 'high' }] },
    { code: `const url = 'https://api.example.com/sync?key=${ID}&region=us-east-1';`, errors: [{ line: 1, confidence: 'high' }] },
  ],
});
