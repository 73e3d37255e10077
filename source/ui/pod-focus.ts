// Moving the focus over the pod grid: rows are ReplicaSets (as the grid shows
// them), columns their pods. Pure.

export type PodMove = 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Where `pod` is in the grid, or null when it is not shown (any more). */
function positionOf(grid: readonly (readonly string[])[], pod: string | null): [number, number] | null {
	if (pod === null) return null;
	for (let r = 0; r < grid.length; r++) {
		const c = grid[r]!.indexOf(pod);
		if (c >= 0) return [r, c];
	}
	return null;
}

/** The first pod of the grid, or null when it has none. */
export const firstPod = (grid: readonly (readonly string[])[]): string | null => grid.find(row => row.length > 0)?.[0] ?? null;

/** The pod the focus lands on; a vanished focus restarts at the first pod. Rows without pods are skipped. */
export function movePod(grid: readonly (readonly string[])[], pod: string | null, move: PodMove): string | null {
	const at = positionOf(grid, pod);
	if (at === null) return firstPod(grid);
	const [row, col] = at;
	const cells = grid[row]!;
	switch (move) {
		case 'left':
			return cells[clamp(col - 1, 0, cells.length - 1)]!;
		case 'right':
			return cells[clamp(col + 1, 0, cells.length - 1)]!;
		case 'top':
			return cells[0]!;
		case 'bottom':
			return cells[cells.length - 1]!;
		default: {
			const step = move === 'up' || move === 'pageUp' ? -1 : 1;
			for (let r = row + step; r >= 0 && r < grid.length; r += step) {
				const next = grid[r]!;
				if (next.length > 0) return next[clamp(col, 0, next.length - 1)]!;
			}
			return pod;
		}
	}
}
