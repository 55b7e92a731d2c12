// slack-token and the other provider-token data rules (rules/secrets.json): a plugin's header comment that shows what
// the user's token or webhook URL "looks like" holds a made-up sample: low confidence (fresh held-out sample JJ: a
// notification library's Slack and Google Chat plugins). A token pasted into a comment without such words, or into
// code under such a comment, keeps its confidence.
import { at, ruleTester } from '../harness';

const TOKEN = 'xoxb-' + '2048-4096-8c1f3e9a7b2d4c6e8f0a1b3c5d7e9f2a';
const HOOK = 'https://hooks.slack.com/services/' + 'T8QK2M4ZP/B7LW3N9XR/Qm4vT8kRz2Lp6Wn1Yc5Hs9Dj';

const described = `# Set up a bot, then copy its token,\n# which will look something like:\n#     ${TOKEN}\n#\nclass Notify:\n    pass`;
const eg = `    # Bot tokens start with xoxb-, e.g.:\n    #     ${TOKEN}\n    token = None`;
const hook = `// When you are done you get a URL that looks a little like this:\n//   ${HOOK}\n// paste it into the settings.\nconst url = process.env.SLACK_HOOK;`;
const pasted = `# old token, rotate later\n# ${TOKEN}\nclient = Client()`;
const codeBelow = `# Tokens look like xoxb-<digits>-<secret>\nTOKEN = "${TOKEN}"`;
const farBelow = `# which will look something like this:\n#\n#\n#\n#\n#\n#\n# ${TOKEN}`;

ruleTester('slack-token', 'python', {
  valid: [],
  invalid: [
    { code: described, errors: [{ ...at(described, TOKEN), confidence: 'low' }] },
    { code: eg, errors: [{ ...at(eg, TOKEN), confidence: 'low' }] },
    { code: pasted, errors: [{ ...at(pasted, TOKEN), confidence: 'high' }] },
    { code: codeBelow, errors: [{ ...at(codeBelow, TOKEN), confidence: 'high' }] },
    { code: farBelow, errors: [{ ...at(farBelow, TOKEN), confidence: 'high' }] },
  ],
});

ruleTester('slack-webhook-url', 'javascript', {
  valid: [],
  invalid: [{ code: hook, errors: [{ ...at(hook, HOOK), confidence: 'low' }] }],
});
