import { Document, isMap, isPair, isScalar, isSeq, visit, type Node, type Pair } from 'yaml';
import { yamlText } from '../config/write-file';
import type { StackFile } from './build';

/** Keys whose small maps read better on one line, as the templates write them. */
const FLOW_MAPS = new Set(['listener', 'healthCheck', 'throttling', 'quota', 'variables']);

/**
 * One line for lists of plain values and for the small maps above: `methods: [GET, POST]`. Works on
 * a whole document or on one new node (`key` is the key it goes under).
 */
export function flowStyle(doc: Document | Node, key?: string): void {
  if (key && FLOW_MAPS.has(key) && isMap(doc) && doc.items.every((i) => isScalar(i.value))) doc.flow = true;
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (FLOW_MAPS.has(key) && isMap(pair.value) && pair.value.items.every((i) => isScalar(i.value)))
        pair.value.flow = true;
    },
  });
}

function pairOf(node: Node | null | undefined, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function comment(node: Node | null | undefined, path: string[], text: string): void {
  let pair: Pair | undefined;
  let at: Node | null | undefined = node;
  for (const key of path) {
    pair = pairOf(at, key);
    at = pair?.value as Node | undefined;
  }
  if (at && (isScalar(at) || isSeq(at) || isMap(at))) at.comment = ` ${text}`;
}

const HEADER = (file: string) =>
  [
    ' apigw stack file, written by `apigw init`.',
    `   apigw validate -c ${file}   # check it (no AWS calls)`,
    `   apigw plan -c ${file}       # what apply would change`,
    `   apigw apply -c ${file}      # create or update; prints the URLs`,
    `   apigw graph -c ${file}      # the request path, as text or Mermaid`,
  ].join('\n');

/** The stack file as YAML, with a header saying what to run next and notes where a choice has a catch. */
export function renderStackFile(file: StackFile, path = 'apigw.yaml'): string {
  const doc = new Document(file);
  flowStyle(doc);
  doc.commentBefore = HEADER(path);
  const root = doc.contents as Node;
  if (file.network?.vpc === 'default')
    comment(root, ['network', 'vpc'], 'the default VPC and its default subnets');
  if (file.loadBalancer?.scheme === 'internet-facing')
    comment(
      root,
      ['loadBalancer', 'scheme'],
      'public: restrict its security group so clients cannot bypass the API',
    );
  if (file.loadBalancer?.existing)
    comment(root, ['loadBalancer', 'existing'], 'adopted: apigw reads it and never changes or deletes it');
  if (file.loadBalancer?.targetGroup && !file.loadBalancer.existing && !file.loadBalancer.targetGroup.targets)
    comment(
      root,
      ['loadBalancer', 'targetGroup'],
      'no `targets`: apigw leaves membership alone (ECS, EKS or you register); list instance ids to have apigw own it',
    );
  return yamlText(doc);
}
