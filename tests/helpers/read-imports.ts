import ts from 'typescript';

/** One module reference in a source file: its specifier (undefined for `import(expr)` with a computed one) and line. */
export interface ImportRef {
  spec: string | undefined;
  line: number;
}

/**
 * Every module a TypeScript source text refers to, in source order, read from its syntax tree (so quotes,
 * line breaks and comments do not matter, and text inside strings, comments or regular expressions is never
 * taken for an import): `import … from`, `import type`, side-effect `import '…'`, `export … from` (also
 * `export * as ns` and `export type`), `import x = require(…)`, `require(…)`, `import(…)` calls and
 * `typeof import(…)` types.
 */
export function readImports(source: string, fileName = 'source.ts'): ImportRef[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const add = (node: ts.Node, expr: ts.Node | undefined) => {
    const spec = expr && (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) ? expr.text : undefined;
    found.push({ spec, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) add(node, node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
