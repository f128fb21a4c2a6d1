/**
 * The form view of a policy document: reads the common parts out of the parsed JSON and writes
 * them back, leaving every other part as it was. Works on the raw document (not the validated
 * one) so that the form and the JSON tab edit the same text.
 */
type Doc = Record<string, unknown>;
type Rule = { id?: unknown; match?: { fieldKeys?: unknown; labels?: unknown; categories?: unknown } & Doc } & Doc;

const isDoc = (x: unknown): x is Doc => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

function rules(doc: Doc): Rule[] {
  const masking = isDoc(doc['masking']) ? doc['masking'] : {};
  return Array.isArray(masking['rules']) ? (masking['rules'].filter(isDoc) as Rule[]) : [];
}

/** What is masked, whichever rule says so. */
export function maskedSet(doc: Doc, what: 'fieldKeys' | 'labels' | 'categories'): string[] {
  return [...new Set(rules(doc).flatMap((r) => strings(isDoc(r.match) ? r.match[what] : undefined)))];
}

/**
 * Makes `values` exactly what is masked for `what`: removed values leave every rule, new ones join
 * the form's own rule (`form-<what>`); rules left matching nothing are dropped.
 */
export function setMasked(doc: Doc, what: 'fieldKeys' | 'labels' | 'categories', values: string[]): Doc {
  const wanted = new Set(values.map((v) => v.trim()).filter((v) => v !== ''));
  const current = new Set(maskedSet(doc, what));
  const added = [...wanted].filter((v) => !current.has(v));
  const formId = `form-${what.toLowerCase()}`;
  let next: Rule[] = rules(doc).map((r) => {
    const match = isDoc(r.match) ? { ...r.match } : {};
    if (Array.isArray(match[what])) match[what] = strings(match[what]).filter((v) => wanted.has(v));
    return { ...r, match };
  });
  if (added.length > 0) {
    const own = next.find((r) => r.id === formId);
    if (own) own.match = { ...own.match, [what]: [...strings(own.match?.[what]), ...added] };
    else next.push({ id: formId, match: { [what]: added } });
  }
  next = next
    .map((r) => {
      const match = { ...(r.match ?? {}) };
      for (const k of ['fieldKeys', 'labels', 'categories'] as const) if (Array.isArray(match[k]) && strings(match[k]).length === 0) delete match[k];
      return { ...r, match };
    })
    .filter((r) => ['fieldKeys', 'labels', 'categories'].some((k) => strings(r.match?.[k]).length > 0));
  const masking = isDoc(doc['masking']) ? doc['masking'] : {};
  return { ...doc, masking: { ...masking, rules: next } };
}

export interface IdLabel {
  id: string;
  en: string;
  fr: string;
}

/** "id | English | French", one per line. */
export function formatIdLabels(list: unknown): string {
  return (Array.isArray(list) ? list.filter(isDoc) : [])
    .map((item) => {
      const label = isDoc(item['label']) ? item['label'] : {};
      return [item['id'], label['en'], label['fr']].map((v) => (typeof v === 'string' ? v : '')).join(' | ');
    })
    .join('\n');
}

/** Parses "id | English | French" lines; entries keep their other fields (description, default basis) by id. */
export function parseIdLabels(text: string, previous: unknown): Doc[] {
  const byId = new Map((Array.isArray(previous) ? previous.filter(isDoc) : []).map((p) => [p['id'], p]));
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [id = '', en = '', fr = ''] = line.split('|').map((s) => s.trim());
      const old = byId.get(id) ?? {};
      return { ...old, id, label: { en, fr: fr || en } };
    });
}

/** "host | CRM | org" per line (org only for a Salesforce domain). */
export function formatCustomDomains(list: unknown): string {
  return (Array.isArray(list) ? list.filter(isDoc) : [])
    .map((d) => [d['host'], d['adapter'], d['org']].filter((v): v is string => typeof v === 'string' && v !== '').join(' | '))
    .join('\n');
}

/** Parses "host | CRM | org" lines as typed (validation says what is wrong, at its path). */
export function parseCustomDomains(text: string): Doc[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [host = '', adapter = '', org = ''] = line.split('|').map((s) => s.trim());
      return { host, adapter, ...(org !== '' ? { org } : {}) };
    });
}

export function get(doc: Doc, path: (string | number)[]): unknown {
  let node: unknown = doc;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isDoc(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

/** A copy of `doc` with `value` at `path` (objects on the way are copied, not shared). */
export function set(doc: Doc, path: (string | number)[], value: unknown): Doc {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  const copy: Doc = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete copy[String(head)];
    else copy[String(head)] = value;
    return copy;
  }
  const child = copy[String(head)];
  if (Array.isArray(child) && typeof rest[0] === 'number') {
    const arr = [...child];
    const [index, ...tail] = rest as [number, ...(string | number)[]];
    arr[index] = tail.length === 0 ? value : set(isDoc(arr[index]) ? (arr[index] as Doc) : {}, tail, value);
    copy[String(head)] = arr;
  } else {
    copy[String(head)] = set(isDoc(child) ? child : {}, rest, value);
  }
  return copy;
}
