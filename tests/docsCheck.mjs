// Readers for tests/docs.test.mjs: the user guide's Markdown (marked reference
// tables, headings, links, shell blocks) and the frontend's TypeScript
// declarations (interfaces, string-literal unions, constant object literals),
// read with the TypeScript compiler's parser rather than regular expressions.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const root = join(new URL('.', import.meta.url).pathname, '..');
export const docsDir = join(root, 'docs');

/** Every Markdown file under docs/, as paths relative to the repository root. */
export function docPages(dir = docsDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      return docPages(p);
    }
    return e.name.endsWith('.md') ? [relative(root, p)] : [];
  });
}

export const read = (path) => readFileSync(join(root, path), 'utf8');

/** Lines of a page with fenced code blocks blanked (kept as ''), so prose parsers skip them. */
export function proseLines(text) {
  let fence = null;
  return text.split('\n').map((line) => {
    const m = /^\s*(```+|~~~+)/.exec(line);
    if (m && (fence === null || (m[1].startsWith(fence[0]) && m[1].length >= fence.length))) {
      fence = fence === null ? m[1] : null;
      return '';
    }
    return fence === null ? line : '';
  });
}

/** Fenced blocks of a language: [{ line, body }]. */
export function fencedBlocks(text, lang) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(\S*)\s*$/.exec(lines[i]);
    if (!open) {
      continue;
    }
    const start = i;
    const body = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) {
      body.push(lines[i]);
    }
    if (open[1] === lang) {
      out.push({ line: start + 1, body });
    }
  }
  return out;
}

const CODE = /`([^`]+)`/g;
export const codeSpans = (cell) => [...cell.matchAll(CODE)].map((m) => m[1]);

function splitRow(line) {
  const cells = [];
  let cur = '';
  const s = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (s[i] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else {
      cur += s[i];
    }
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * The tables marked `<!-- doc-check: <scope> -->` in a page (the same format
 * pkg/models/doctable_test.go reads): scope → { where, rows: [{ key, type, def, allowed, where }] }.
 * def: the default cell's code spans ([] for none); allowed: the values when the
 * allowed-values cell is only code spans, else null.
 */
export function docTables(page) {
  const lines = read(page).split('\n');
  const tables = {};
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- doc-check: (.+?) -->$/.exec(lines[i].trim());
    if (!marker) {
      continue;
    }
    const where = `${page}:${i + 1}`;
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') {
      j++;
    }
    if (!lines[j]?.startsWith('|')) {
      throw new Error(`${where}: the marker is not followed by a table`);
    }
    const header = splitRow(lines[j]).map((h) => h.toLowerCase());
    const col = (name) => {
      const k = header.indexOf(name);
      if (k < 0) {
        throw new Error(`${where}: no "${name}" column`);
      }
      return k;
    };
    const [typeCol, defCol, allowedCol] = [col('type'), col('default'), col('allowed values')];
    const rows = [];
    for (j += 2; j < lines.length && lines[j].startsWith('|'); j++) {
      const cells = splitRow(lines[j]);
      const key = codeSpans(cells[0])[0];
      if (!key) {
        throw new Error(`${page}:${j + 1}: the first cell names no key in backticks`);
      }
      const enumeration = /^`[^`]+`(, `[^`]+`)*$/.test(cells[allowedCol]);
      rows.push({
        key,
        type: cells[typeCol],
        def: codeSpans(cells[defCol]),
        allowed: enumeration ? codeSpans(cells[allowedCol]) : null,
        where: `${page}:${j + 1}`,
      });
    }
    if (tables[marker[1]]) {
      throw new Error(`${where}: a second table for "${marker[1]}"`);
    }
    tables[marker[1]] = { where, rows };
    i = j;
  }
  return tables;
}

/** GitHub's heading anchor: lower case, punctuation and symbols dropped, spaces to hyphens. */
export function slug(heading) {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a page's headings, with GitHub's -1, -2 suffixes for repeats. */
export function anchors(text) {
  const seen = new Map();
  const out = new Set();
  for (const line of proseLines(text)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) {
      continue;
    }
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Markdown links and images of a page outside code: [{ target, line }]. */
export function links(text) {
  const out = [];
  proseLines(text).forEach((line, i) => {
    const inline = line.replace(/`[^`]*`/g, '');
    for (const m of inline.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      out.push({ target: m[1], line: i + 1 });
    }
  });
  return out;
}

// ---------------------------------------------------------------- TypeScript

const sources = new Map();
function source(path) {
  if (!sources.has(path)) {
    sources.set(path, ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true));
  }
  return sources.get(path);
}

function findDeclaration(path, name, kind) {
  let found;
  source(path).forEachChild((node) => {
    if (node.kind === kind && node.name?.text === name) {
      found = node;
    }
    if (ts.isVariableStatement(node) && kind === ts.SyntaxKind.VariableDeclaration) {
      for (const d of node.declarationList.declarations) {
        if (d.name.text === name) {
          found = d;
        }
      }
    }
  });
  if (!found) {
    throw new Error(`${path}: no declaration of ${name}`);
  }
  return found;
}

function memberName(member) {
  if (ts.isPropertySignature(member)) {
    return member.name.text;
  }
  // [header: `httpHeaderName${number}`]: string → httpHeaderName<n>
  if (ts.isIndexSignatureDeclaration(member)) {
    const type = member.parameters[0].type;
    if (type && ts.isTemplateLiteralTypeNode(type)) {
      return `${type.head.text}<n>`;
    }
  }
  return null;
}

/**
 * An interface's members (name → type node), with those of the interfaces it
 * extends in the same file; `own` leaves inherited ones out.
 */
export function interfaceMembers(path, name, { own = false } = {}) {
  const decl = findDeclaration(path, name, ts.SyntaxKind.InterfaceDeclaration);
  const members = new Map();
  if (!own) {
    for (const clause of decl.heritageClauses ?? []) {
      for (const base of clause.types) {
        const baseName = base.expression.getText();
        let local = true;
        try {
          findDeclaration(path, baseName, ts.SyntaxKind.InterfaceDeclaration);
        } catch {
          local = false; // from a package: Grafana's DataQuery, DataSourceJsonData
        }
        if (local) {
          for (const [k, v] of interfaceMembers(path, baseName)) {
            members.set(k, v);
          }
        }
      }
    }
  }
  for (const m of decl.members) {
    const n = memberName(m);
    if (n) {
      members.set(n, m.type);
    }
  }
  return members;
}

/** The values of a type made of string literals or `boolean`, following aliases declared in path; null otherwise. */
export function literalValues(path, typeNode) {
  if (!typeNode) {
    return null;
  }
  if (typeNode.kind === ts.SyntaxKind.BooleanKeyword) {
    return ['true', 'false'];
  }
  if (ts.isLiteralTypeNode(typeNode) && ts.isStringLiteral(typeNode.literal)) {
    return [typeNode.literal.text];
  }
  if (ts.isUnionTypeNode(typeNode)) {
    const parts = typeNode.types.map((t) => literalValues(path, t));
    return parts.every(Boolean) ? parts.flat() : null;
  }
  if (ts.isTypeReferenceNode(typeNode)) {
    try {
      const alias = findDeclaration(path, typeNode.typeName.getText(), ts.SyntaxKind.TypeAliasDeclaration);
      return literalValues(path, alias.type);
    } catch {
      return null;
    }
  }
  return null;
}

/** A type alias' literal values. */
export function aliasValues(path, name) {
  return literalValues(path, findDeclaration(path, name, ts.SyntaxKind.TypeAliasDeclaration).type);
}

/** The value of a constant built from object, array, string, number and boolean literals. */
export function constValue(path, name) {
  const decl = findDeclaration(path, name, ts.SyntaxKind.VariableDeclaration);
  return literal(decl.initializer);
}

function literal(node) {
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression?.(node) || ts.isParenthesizedExpression(node)) {
    return literal(node.expression);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (ts.isNumericLiteral(node)) {
    return Number(node.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
    return node.kind === ts.SyntaxKind.TrueKeyword;
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.map(literal);
  }
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(node.properties.map((p) => [p.name.text, literal(p.initializer)]));
  }
  throw new Error(`not a literal: ${node.getText()}`);
}

// ---------------------------------------------------------------- durations

const UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, y: 31536e6 };

/** Milliseconds of a Prometheus duration (`1h30m`) or a number of seconds; NaN when neither. */
export function durationMs(text) {
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text) * 1e3;
  }
  const terms = [...text.matchAll(/(\d+)(ms|[smhdwy])/g)];
  if (terms.length === 0 || terms.map((t) => t[0]).join('') !== text) {
    return NaN;
  }
  return terms.reduce((sum, [, n, u]) => sum + Number(n) * UNITS[u], 0);
}
