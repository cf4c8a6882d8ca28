import type { GraphNode, Hop, StackGraph } from '../services/graph';
import { HOPS } from '../engine/kind-facts';
import { makeStyle } from './style';

const ORDER: readonly Hop[] = HOPS;

/** Mermaid ids are letters, digits and underscores: `stage:$default` becomes `stage__default`. */
const mermaidId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const quote = (s: string) => s.replace(/"/g, '#quot;');

function liveLines(n: GraphNode): string[] {
  if (n.deployed === false) return ['not deployed'];
  return Object.entries(n.live ?? {}).map(([k, v]) => (/^https?:\/\//.test(v) ? v : `${k}: ${v}`));
}

function shape(n: GraphNode): string {
  const text = quote([n.label, n.detail.join(' · '), ...liveLines(n)].filter(Boolean).join('<br/>'));
  if (n.hop === 'client') return `(["${text}"])`;
  if (n.hop === 'vpc-link') return `{{"${text}"}}`;
  return `["${text}"]`;
}

/** A `flowchart LR` to paste into a README or a pull request (GitHub renders ```mermaid blocks). */
export function renderMermaid(g: StackGraph): string {
  const nodes = g.nodes.map((n) => `  ${mermaidId(n.id)}${shape(n)}`);
  const edges = g.edges.map(
    (e) => `  ${mermaidId(e.from)} -->${e.label ? `|"${quote(e.label)}"|` : ''} ${mermaidId(e.to)}`,
  );
  return ['flowchart LR', ...nodes, ...edges].join('\n');
}

/** The path as lines, one hop each, for a terminal; with --live, ids and URLs under each node. */
export function renderGraphText(g: StackGraph, color = false): string {
  const s = makeStyle(color);
  const lines = [s.bold(`Request path of stack ${g.stack}${g.live ? ' (live)' : ''}:`), ''];
  for (const hop of ORDER) {
    const nodes = g.nodes.filter((n) => n.hop === hop);
    nodes.forEach((n, i) => {
      const arrow = hop === 'client' ? '  ' : i === 0 ? '  -> ' : '     ';
      const edge = g.edges.find((e) => e.to === n.id && e.label)?.label;
      const detail = n.detail.length ? s.dim(` (${n.detail.join(', ')})`) : '';
      lines.push(`${arrow}${n.label}${detail}${edge ? s.dim(`  [${edge}]`) : ''}`);
      for (const l of liveLines(n)) lines.push(`       ${n.deployed === false ? s.yellow(l) : s.cyan(l)}`);
    });
  }
  return lines.join('\n');
}
