// Reads a V8 .heapsnapshot (what `--heapsnapshot-signal` writes) into typed arrays and answers
// the soak's questions: how big is the live heap (V8 collects garbage before it takes a
// snapshot, so every node is reachable), which constructors grew between two snapshots of the
// same process, and what keeps a new object alive (a retainer path from the GC roots).
//
// The file is read whole and scanned in place, not JSON.parse'd: a snapshot of a few hundred
// MiB of heap is a JSON text longer than the longest string V8 can hold.
import { readFileSync } from "node:fs";

export interface HeapSnapshot {
  nodeCount: number;
  /** Sum of every node's self size: the live heap after GC, in bytes. */
  totalBytes: number;
  /** Node i's fields at nodes[i * nodeFieldCount + offset]. */
  nodes: Float64Array;
  nodeFieldCount: number;
  edges: Uint32Array;
  edgeFieldCount: number;
  /** First edge index (in edges, not fields) of node i; firstEdge[nodeCount] = edge count. */
  firstEdge: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
  field: { type: number; name: number; id: number; selfSize: number; edgeCount: number };
  edgeField: { type: number; nameOrIndex: number; toNode: number };
}

export interface ClassTotals {
  count: number;
  bytes: number;
}

export interface HeapGrowth {
  className: string;
  countBefore: number;
  countAfter: number;
  bytesBefore: number;
  bytesAfter: number;
}

function indexAfter(buffer: Buffer, marker: string, from: number): number {
  const at = buffer.indexOf(marker, from, "latin1");
  if (at < 0) throw new Error(`Not a heap snapshot: no ${marker}`);
  return at + marker.length;
}

/** Parses the unsigned integers of a JSON array starting at `from` (just after its `[`). */
function readNumbers<T extends Float64Array | Uint32Array>(buffer: Buffer, from: number, target: T): { values: T; end: number } {
  let index = 0;
  let value = 0;
  let inNumber = false;
  let position = from;
  for (; position < buffer.length; position++) {
    const byte = buffer[position]!;
    if (byte >= 48 && byte <= 57) {
      value = value * 10 + (byte - 48);
      inNumber = true;
    } else {
      if (inNumber) {
        target[index++] = value;
        value = 0;
        inNumber = false;
      }
      if (byte === 93 /* ] */) break;
    }
  }
  if (index !== target.length) throw new Error(`Heap snapshot: expected ${target.length} numbers, read ${index}`);
  return { values: target, end: position + 1 };
}

function readStrings(buffer: Buffer, from: number): string[] {
  const strings: string[] = [];
  let position = from;
  for (;;) {
    while (position < buffer.length && buffer[position] !== 34 /* " */ && buffer[position] !== 93 /* ] */) position++;
    if (position >= buffer.length || buffer[position] === 93) return strings;
    const start = position;
    position++;
    while (buffer[position] !== 34) position += buffer[position] === 92 /* \ */ ? 2 : 1;
    strings.push(JSON.parse(buffer.toString("utf8", start, position + 1)) as string);
    position++;
  }
}

export function readHeapSnapshot(file: string): HeapSnapshot {
  const buffer = readFileSync(file);
  const nodesStart = indexAfter(buffer, '"nodes":[', 0);
  const header = buffer.toString("utf8", 0, nodesStart - '"nodes":['.length).trim().replace(/,$/, "");
  const meta = (JSON.parse(`${header}}`) as {
    snapshot: {
      meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
      node_count: number;
      edge_count: number;
    };
  }).snapshot;
  const nodeFieldCount = meta.meta.node_fields.length;
  const edgeFieldCount = meta.meta.edge_fields.length;
  const nodes = readNumbers(buffer, nodesStart, new Float64Array(meta.node_count * nodeFieldCount));
  const edgesStart = indexAfter(buffer, '"edges":[', nodes.end);
  const edges = readNumbers(buffer, edgesStart, new Uint32Array(meta.edge_count * edgeFieldCount));
  const strings = readStrings(buffer, indexAfter(buffer, '"strings":[', edges.end));

  const nodeField = (name: string) => meta.meta.node_fields.indexOf(name);
  const edgeField = (name: string) => meta.meta.edge_fields.indexOf(name);
  const field = { type: nodeField("type"), name: nodeField("name"), id: nodeField("id"), selfSize: nodeField("self_size"), edgeCount: nodeField("edge_count") };
  const firstEdge = new Uint32Array(meta.node_count + 1);
  let totalBytes = 0;
  for (let node = 0, edge = 0; node < meta.node_count; node++) {
    firstEdge[node] = edge;
    edge += nodes.values[node * nodeFieldCount + field.edgeCount]!;
    totalBytes += nodes.values[node * nodeFieldCount + field.selfSize]!;
  }
  firstEdge[meta.node_count] = meta.edge_count;
  return {
    nodeCount: meta.node_count,
    totalBytes,
    nodes: nodes.values,
    nodeFieldCount,
    edges: edges.values,
    edgeFieldCount,
    firstEdge,
    strings,
    nodeTypes: meta.meta.node_types[0],
    edgeTypes: meta.meta.edge_types[0],
    field,
    edgeField: { type: edgeField("type"), nameOrIndex: edgeField("name_or_index"), toNode: edgeField("to_node") },
  };
}

/** The class a node counts under, as DevTools' summary groups them (objects by constructor). */
export function className(snapshot: HeapSnapshot, node: number): string {
  const base = node * snapshot.nodeFieldCount;
  const type = snapshot.nodeTypes[snapshot.nodes[base + snapshot.field.type]!] ?? "?";
  const name = snapshot.strings[snapshot.nodes[base + snapshot.field.name]!] ?? "?";
  switch (type) {
    case "object":
    case "native":
      return name;
    case "closure":
      return "(closure)";
    case "string":
    case "concatenated string":
    case "sliced string":
      return "(string)";
    case "array":
      return name.startsWith("(") ? name : "(array)";
    case "code":
      return "(compiled code)";
    case "hidden":
      return "(system)";
    case "number":
      return "(heap number)";
    default:
      return `(${type})`;
  }
}

export function classTotals(snapshot: HeapSnapshot): Map<string, ClassTotals> {
  const totals = new Map<string, ClassTotals>();
  for (let node = 0; node < snapshot.nodeCount; node++) {
    const name = className(snapshot, node);
    const entry = totals.get(name) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[node * snapshot.nodeFieldCount + snapshot.field.selfSize]!;
    totals.set(name, entry);
  }
  return totals;
}

/** Classes whose bytes grew most from `before` to `after`, largest growth first. */
export function topGrowth(before: Map<string, ClassTotals>, after: Map<string, ClassTotals>, limit: number): HeapGrowth[] {
  const rows: HeapGrowth[] = [];
  for (const [name, { count, bytes }] of after) {
    const earlier = before.get(name) ?? { count: 0, bytes: 0 };
    rows.push({ className: name, countBefore: earlier.count, countAfter: count, bytesBefore: earlier.bytes, bytesAfter: bytes });
  }
  return rows
    .filter((row) => row.bytesAfter > row.bytesBefore || row.countAfter > row.countBefore)
    .sort((a, b) => b.bytesAfter - b.bytesBefore - (a.bytesAfter - a.bytesBefore) || b.countAfter - b.countBefore - (a.countAfter - a.countBefore))
    .slice(0, limit);
}

/** Every node id of a snapshot, sorted: V8 keeps an object's id across snapshots of one process. */
export function sortedNodeIds(snapshot: HeapSnapshot): Float64Array {
  const ids = new Float64Array(snapshot.nodeCount);
  for (let node = 0; node < snapshot.nodeCount; node++) ids[node] = snapshot.nodes[node * snapshot.nodeFieldCount + snapshot.field.id]!;
  return ids.sort();
}

function containsSorted(sorted: Float64Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * Objects of `after` that `before` did not have (allocated between the two and still alive),
 * counted and sized by class, largest first.
 */
export function newObjectsByClass(after: HeapSnapshot, idsBefore: Float64Array, limit: number): { className: string; count: number; bytes: number; sampleNode: number }[] {
  const byClass = new Map<string, { count: number; bytes: number; sampleNode: number }>();
  for (let node = 0; node < after.nodeCount; node++) {
    const base = node * after.nodeFieldCount;
    if (containsSorted(idsBefore, after.nodes[base + after.field.id]!)) continue;
    const name = className(after, node);
    const entry = byClass.get(name) ?? { count: 0, bytes: 0, sampleNode: node };
    entry.count += 1;
    entry.bytes += after.nodes[base + after.field.selfSize]!;
    byClass.set(name, entry);
  }
  return [...byClass.entries()]
    .map(([name, entry]) => ({ className: name, ...entry }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

/**
 * A shortest path of strong references from the GC roots to `target`, as text: the chain of
 * retainers that keeps it alive (`(GC roots) → … → Map.table[…] → target`).
 */
export function retainerPath(snapshot: HeapSnapshot, target: number, maxSteps = 20): string {
  const { nodeCount, edges, edgeFieldCount, firstEdge, nodes, nodeFieldCount } = snapshot;
  const weak = snapshot.edgeTypes.indexOf("weak");
  const shortcut = snapshot.edgeTypes.indexOf("shortcut");
  // Breadth-first from the root (node 0) over strong edges; parent[] remembers the edge used.
  const parentEdge = new Int32Array(nodeCount).fill(-1);
  const parentNode = new Int32Array(nodeCount).fill(-1);
  const seen = new Uint8Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail && !seen[target]) {
    const node = queue[head++]!;
    for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) {
      const base = edge * edgeFieldCount;
      const type = edges[base + snapshot.edgeField.type]!;
      if (type === weak || type === shortcut) continue;
      const to = edges[base + snapshot.edgeField.toNode]! / nodeFieldCount;
      if (seen[to]) continue;
      seen[to] = 1;
      parentEdge[to] = edge;
      parentNode[to] = node;
      queue[tail++] = to;
    }
  }
  if (!seen[target]) return "(not reachable from the roots by strong references)";
  const steps: string[] = [];
  for (let node = target; node > 0 && steps.length < maxSteps; node = parentNode[node]!) {
    const edge = parentEdge[node]!;
    const base = edge * edgeFieldCount;
    const edgeType = snapshot.edgeTypes[edges[base + snapshot.edgeField.type]!];
    const nameOrIndex = edges[base + snapshot.edgeField.nameOrIndex]!;
    const label = edgeType === "element" || edgeType === "hidden" ? `[${nameOrIndex}]` : `.${snapshot.strings[nameOrIndex] ?? "?"}`;
    const name = snapshot.strings[nodes[node * nodeFieldCount + snapshot.field.name]!] ?? "?";
    steps.unshift(`${label} ${className(snapshot, node)}${name && name !== className(snapshot, node) ? ` "${name.slice(0, 60)}"` : ""}`);
  }
  return ["(GC roots)", ...steps].join(" → ");
}
