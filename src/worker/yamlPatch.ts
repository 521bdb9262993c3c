/**
 * Saving an edited scenario as YAML without losing the file's comments: parse the text as it was opened,
 * then change only the nodes whose values differ from the edited raw object. Units stay as written
 * (the raw object holds the user's strings); new items copy the flow/block style of their siblings.
 */
import { parseDocument, isMap, isSeq, isCollection, type Document, type Node } from 'yaml';

type Path = (string | number)[];
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

function node(doc: Document, value: unknown, styleOf: unknown): Node {
  const n = doc.createNode(value) as Node;
  if (isCollection(n) && isCollection(styleOf)) n.flow = styleOf.flow ?? false;
  return n;
}

function patch(doc: Document, path: Path, before: unknown, after: unknown): void {
  if (same(before, after)) return;
  if (isPlain(before) && isPlain(after) && isMap(path.length ? doc.getIn(path, true) : doc.contents)) {
    for (const k of Object.keys(before)) if (!(k in after)) doc.deleteIn([...path, k]);
    for (const k of Object.keys(after)) {
      if (k in before) patch(doc, [...path, k], before[k], after[k]);
      else doc.setIn([...path, k], node(doc, after[k], doc.getIn([...path], true)));
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && isSeq(doc.getIn(path, true))) {
    const shared = Math.min(before.length, after.length);
    for (let i = 0; i < shared; i++) patch(doc, [...path, i], before[i], after[i]);
    for (let i = before.length - 1; i >= after.length; i--) doc.deleteIn([...path, i]);
    const sibling = before.length ? doc.getIn([...path, before.length - 1], true) : undefined;
    for (let i = before.length; i < after.length; i++) doc.addIn(path, node(doc, after[i], sibling));
    return;
  }
  doc.setIn(path, node(doc, after, doc.getIn(path, true)));
}

/** The original YAML text changed to say `raw`, keeping its comments and layout where nothing changed. */
export function patchYaml(originalText: string, raw: unknown): string {
  const doc = parseDocument(originalText, { keepSourceTokens: false });
  if (doc.errors.length || !isPlain(raw)) throw new Error('cannot patch: the original text is not a YAML mapping');
  patch(doc, [], doc.toJS(), raw);
  return doc.toString({ lineWidth: 0 });
}
