// Every server action says who may call it. A "use server" module's every export is an action
// a browser can POST to, so each must be built by formAction or redirectAction
// (lib/auth/server-action.ts) with an `access` that is either outside any organisation
// (anyone, signed out, a user, an operator) or access.organization(kind, permission) with a
// permission of the table (lib/model/permissions.ts). Read from the source, so an unguarded
// action fails here before it ships.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/model/permissions";

const root = path.resolve(__dirname, "../../..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

function isUseServer(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

const serverActionModules = ["lib", "app", "components"]
  .flatMap((folder) => sourceFiles(path.join(root, folder)))
  .map(parse)
  .filter(isUseServer);

/** The module's top-level `const name = <initializer>`s. */
function constants(source: ts.SourceFile): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) found.set(declaration.name.text, declaration.initializer);
    }
  }
  return found;
}

const outsideOrganizations = new Set(["anyone", "user", "operator"]);

/** Why an access expression is not a declared access, or null when it is one. */
function accessProblem(expression: ts.Expression, names: Map<string, ts.Expression>): string | null {
  if (ts.isIdentifier(expression)) {
    const defined = names.get(expression.text);
    return defined ? accessProblem(defined, names) : `access "${expression.text}" is not a constant of the module`;
  }
  // access.anyone, access.user, access.operator
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === "access") {
    return outsideOrganizations.has(expression.name.text) ? null : `unknown access.${expression.name.text}`;
  }
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && ts.isIdentifier(expression.expression.expression)) {
    if (expression.expression.expression.text !== "access") return `access built by ${expression.expression.getText()}`;
    const helper = expression.expression.name.text;
    if (helper === "signedOut") return null;
    if (helper !== "organization") return `unknown access.${helper}()`;
    const [kind, permission] = expression.arguments;
    if (!kind || !ts.isStringLiteral(kind) || !["ADVERTISER", "PUBLISHER", "any"].includes(kind.text)) return "access.organization without a kind";
    if (!permission || !ts.isStringLiteral(permission)) return "access.organization without a literal permission";
    return Object.hasOwn(PERMISSIONS, permission.text) ? null : `"${permission.text}" is not a permission of lib/model/permissions.ts`;
  }
  return `access is ${expression.getText()}`;
}

interface ExportedAction {
  name: string;
  problem: string | null;
}

/** Each exported value of the module, with what is wrong with its access (null: declared). */
function exportedActions(source: ts.SourceFile): ExportedAction[] {
  const names = constants(source);
  const exported: ExportedAction[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      exported.push({ name: statement.getText(), problem: "re-exports are not checked: declare the action in the module" });
      continue;
    }
    if (!isExported(statement)) continue;
    if (!ts.isVariableStatement(statement)) {
      exported.push({ name: statement.getText().slice(0, 60), problem: "an exported action must be built by formAction or redirectAction" });
      continue;
    }
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText();
      const call = declaration.initializer;
      const wrapper = call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression.text : null;
      if (!call || !ts.isCallExpression(call) || (wrapper !== "formAction" && wrapper !== "redirectAction")) {
        exported.push({ name, problem: "not built by formAction or redirectAction" });
        continue;
      }
      const spec = call.arguments[0];
      const accessProperty =
        spec && ts.isObjectLiteralExpression(spec)
          ? spec.properties.find((property) => ts.isPropertyAssignment(property) && property.name.getText() === "access")
          : undefined;
      exported.push({
        name,
        problem: accessProperty && ts.isPropertyAssignment(accessProperty) ? accessProblem(accessProperty.initializer, names) : "no access in its spec",
      });
    }
  }
  return exported;
}

describe("server actions", () => {
  it("are found (the check reads the modules it means to)", () => {
    const files = serverActionModules.map((source) => path.relative(root, source.fileName));
    expect(files).toEqual(expect.arrayContaining(["lib/campaigns/actions.ts", "lib/members/actions.ts", "lib/sites/actions.ts", "lib/auth/actions.ts"]));
  });

  it.each(serverActionModules.map((source) => [path.relative(root, source.fileName), source] as const))("%s: every export declares its access", (_file, source) => {
    const actions = exportedActions(source);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.problem !== null)).toEqual([]);
  });

  it("the check refuses an action without a permission, an unknown permission and a plain exported function", () => {
    const module = (body: string) => ts.createSourceFile("x.ts", `"use server";\n${body}`, ts.ScriptTarget.Latest, true);
    const problems = (body: string) => exportedActions(module(body)).map((action) => action.problem);
    expect(problems(`const owner = access.organization("any");\nexport const a = formAction({ access: owner, run });`)).toEqual([
      "access.organization without a literal permission",
    ]);
    expect(problems(`export const a = redirectAction({ access: access.organization("ADVERTISER", "campaigns:delete"), run });`)).toEqual([
      '"campaigns:delete" is not a permission of lib/model/permissions.ts',
    ]);
    expect(problems(`export async function a(formData: FormData) {}`)).toEqual(["an exported action must be built by formAction or redirectAction"]);
    expect(problems(`export const a = formAction({ run });`)).toEqual(["no access in its spec"]);
    expect(problems(`export const a = formAction({ access: access.organization("PUBLISHER", "inventory:write"), run });`)).toEqual([null]);
  });
});
