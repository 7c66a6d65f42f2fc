export function formatSize(width: number, height: number): string {
  return `${width} × ${height}`;
}
