/**
 * Optimal one-to-one assignment (Hungarian method with potentials, O(n³)). DER scoring uses it to map
 * reference speakers onto hypothesis speakers with the most shared time.
 */

/**
 * For a rows × columns matrix of gains, returns for every row the column it is matched to, or -1,
 * so that the summed gain of matched pairs is maximal. Rows and columns may differ in number.
 */
export function maximumAssignment(gains: readonly (readonly number[])[]): number[] {
  const rows = gains.length;
  const columns = rows === 0 ? 0 : Math.max(...gains.map((row) => row.length));
  const n = Math.max(rows, columns);
  if (n === 0) return [];
  // Minimise cost = max − gain on an n × n matrix padded with zero-gain cells.
  let top = 0;
  for (const row of gains) for (const gain of row) top = Math.max(top, gain);
  const cost = (r: number, c: number): number => top - (gains[r]?.[c] ?? 0);

  // 1-based arrays in the classic formulation: column 0 is a virtual start.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOf = new Int32Array(n + 1); // column → matched row (1-based), 0 = free
  const way = new Int32Array(n + 1);
  for (let r = 1; r <= n; r++) {
    rowOf[0] = r;
    let column = 0;
    const minimum = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[column] = 1;
      const row = rowOf[column] as number;
      let delta = Infinity;
      let next = 0;
      for (let c = 1; c <= n; c++) {
        if (used[c]) continue;
        const reduced = cost(row - 1, c - 1) - (u[row] as number) - (v[c] as number);
        if (reduced < (minimum[c] as number)) {
          minimum[c] = reduced;
          way[c] = column;
        }
        if ((minimum[c] as number) < delta) {
          delta = minimum[c] as number;
          next = c;
        }
      }
      for (let c = 0; c <= n; c++) {
        if (used[c]) {
          u[rowOf[c] as number] = (u[rowOf[c] as number] as number) + delta;
          v[c] = (v[c] as number) - delta;
        } else {
          minimum[c] = (minimum[c] as number) - delta;
        }
      }
      column = next;
    } while (rowOf[column] !== 0);
    do {
      const previous = way[column] as number;
      rowOf[column] = rowOf[previous] as number;
      column = previous;
    } while (column !== 0);
  }
  const match = new Array<number>(rows).fill(-1);
  for (let c = 1; c <= n; c++) {
    const r = (rowOf[c] as number) - 1;
    // Padding rows/columns, and pairs that share nothing, are not real matches.
    if (r < rows && c - 1 < columns && (gains[r]?.[c - 1] ?? 0) > 0) match[r] = c - 1;
  }
  return match;
}
