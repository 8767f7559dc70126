import { describe, expect, it } from "vitest";
import { buildEdgeTree, collectEdges, edgeList } from "../../../src/core/check/edge-tree";
import { seededRandom } from "../../support/seeded-random";

/** Rings of a random walk (so consecutive edges are neighbours, as in real rings), flattened. */
function rings(rnd: () => number, sizes: number[]) {
  const total = sizes.reduce((a, b) => a + b, 0);
  const coords = new Float64Array(2 * total);
  const ends = new Int32Array(total);
  let v = 0;
  for (const n of sizes) {
    let x = rnd() * 10;
    let y = rnd() * 10;
    const start = v;
    for (let k = 0; k < n; k++, v++) {
      coords[2 * v] = x;
      coords[2 * v + 1] = y;
      ends[v] = k + 1 < n ? v + 1 : start;
      x += rnd() - 0.5;
      y += rnd() - 0.5;
    }
  }
  return { coords, ends };
}

function bruteForce(coords: Float64Array, ends: Int32Array, box: number[]): string[] {
  const [minX, minY, maxX, maxY] = box as [number, number, number, number];
  const out: string[] = [];
  for (let k = 0; k < ends.length; k++) {
    const j = ends[k] as number;
    const [x1, y1, x2, y2] = [coords[2 * k], coords[2 * k + 1], coords[2 * j], coords[2 * j + 1]];
    if (Math.max(x1 as number, x2 as number) < minX || Math.min(x1 as number, x2 as number) > maxX)
      continue;
    if (Math.max(y1 as number, y2 as number) < minY || Math.min(y1 as number, y2 as number) > maxY)
      continue;
    out.push(`${k}-${j}`);
  }
  return out;
}

describe("edge tree", () => {
  it("finds exactly the edges whose box meets the query, in ring order, at every size", () => {
    const rnd = seededRandom(11);
    // 1 level (≤ 16 nodes), 2 levels, 3 levels; several rings, one node straddling two of them
    for (const sizes of [[70], [40, 300, 9], [5000]]) {
      const { coords, ends } = rings(rnd, sizes);
      const tree = buildEdgeTree(coords, ends);
      const list = edgeList();
      for (let q = 0; q < 200; q++) {
        const x = rnd() * 14 - 2;
        const y = rnd() * 14 - 2;
        const w = q % 10 === 0 ? 0 : rnd() * 3;
        const box: [number, number, number, number] = [x, y, x + w, y + rnd() * 3];
        list.count = 0;
        collectEdges(tree, coords, ...box, list);
        const found: string[] = [];
        for (let p = 0; p < list.count; p++)
          found.push(`${list.edges[2 * p]}-${list.edges[2 * p + 1]}`);
        expect(found).toEqual(bruteForce(coords, ends, box));
      }
    }
  });

  it("counts an edge touching the query box only at a corner", () => {
    const coords = Float64Array.of(0, 0, 1, 1, 1, 0);
    const tree = buildEdgeTree(coords, Int32Array.of(1, 2, 0));
    const list = edgeList();
    collectEdges(tree, coords, 1, 1, 2, 2, list);
    expect(Array.from(list.edges.subarray(0, 2 * list.count))).toEqual([0, 1, 1, 2]);
  });

  it("grows the list past its first capacity", () => {
    const n = 1000;
    const coords = new Float64Array(2 * n);
    const ends = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      coords[2 * k] = Math.cos((2 * Math.PI * k) / n);
      coords[2 * k + 1] = Math.sin((2 * Math.PI * k) / n);
      ends[k] = (k + 1) % n;
    }
    const list = edgeList();
    collectEdges(buildEdgeTree(coords, ends), coords, -2, -2, 2, 2, list);
    expect(list.count).toBe(n);
  });
});
