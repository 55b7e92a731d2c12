// The nodes the exposure rules' JS/TS syntax looks at — calls, `new`, plain assignments and variable
// declarations with a value — collected in source order by one walk of the file that the three rules
// share (error details and records in responses, secrets in logs), instead of one full walk each.
import { ts } from 'ts-morph';
import type { Fact } from '../../core/types';

const CALL = ts.SyntaxKind.CallExpression;
const NEW = ts.SyntaxKind.NewExpression;
const BINARY = ts.SyntaxKind.BinaryExpression;
const EQUALS = ts.SyntaxKind.EqualsToken;
const DECLARATION = ts.SyntaxKind.VariableDeclaration;

export const jsExposureNodes: Fact<readonly ts.Node[] | undefined> = {
  id: 'js-exposure-nodes',
  compute(ctx) {
    const sf = ctx.js();
    if (!sf) return undefined;
    const out: ts.Node[] = [];
    let n = 0;
    const visit = (node: ts.Node): void => {
      // The clock is read once every 64 nodes.
      if ((++n & 63) === 0) ctx.checkBudget();
      const kind = node.kind;
      if (kind === CALL || kind === NEW || (kind === BINARY && (node as ts.BinaryExpression).operatorToken.kind === EQUALS)
        || (kind === DECLARATION && (node as ts.VariableDeclaration).initializer)) out.push(node);
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return out;
  },
};
