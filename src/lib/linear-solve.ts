/** Solves M x = b (M square, row-major) by elimination with partial pivoting; null if M is singular. */
export function solveLinear(matrix: Float64Array, rhs: Float64Array): Float64Array | null {
  const n = rhs.length;
  const m = Float64Array.from(matrix);
  const x = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = row;
    const p = m[pivot * n + col] as number;
    if (Math.abs(p) < 1e-12) return null;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [m[col * n + k], m[pivot * n + k]] = [m[pivot * n + k] as number, m[col * n + k] as number];
      [x[col], x[pivot]] = [x[pivot] as number, x[col] as number];
    }
    for (let row = col + 1; row < n; row++) {
      const f = (m[row * n + col] as number) / p;
      if (f === 0) continue;
      for (let k = col; k < n; k++) m[row * n + k] = (m[row * n + k] as number) - f * (m[col * n + k] as number);
      x[row] = (x[row] as number) - f * (x[col] as number);
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let sum = x[row] as number;
    for (let k = row + 1; k < n; k++) sum -= (m[row * n + k] as number) * (x[k] as number);
    x[row] = sum / (m[row * n + row] as number);
  }
  return x;
}
