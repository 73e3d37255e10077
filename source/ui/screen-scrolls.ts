// When rows are inserted into or removed from the middle of a frame (a new
// revision in the tree, a pod that went away), every row below moves. Rather
// than rewriting each moved row, the terminal can shift a block of rows
// itself: a scroll region (DECSTBM) around the block, then insert or delete
// lines (IL/DL, VT102). This module finds such blocks; the writer applies them
// to its model of the screen and then diffs cells as usual.

/** Rows `top..bottom` (0-based, inclusive) shift by `by`: down when positive, up when negative. */
export interface Scroll {
	top: number;
	bottom: number;
	by: number;
}

/** Below this many bytes saved, a scroll (about 20 bytes of escapes) is not worth it. */
const MIN_SAVING = 40;

/** Pairs (i in before, j in after) of a longest common subsequence of non-blank keys. */
function matches(before: string[], after: string[]): Array<[number, number]> {
	const n = before.length;
	const m = after.length;
	const table = Array.from({length: n + 1}, () => new Uint16Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			table[i]![j] =
				before[i] !== '' && before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
		}
	}
	const pairs: Array<[number, number]> = [];
	for (let i = 0, j = 0; i < n && j < m; ) {
		if (before[i] !== '' && before[i] === after[j]) pairs.push([i++, j++]);
		else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
		else j++;
	}
	return pairs;
}

/**
 * The scrolls that move blocks of `before`'s rows to where `after` has them,
 * in the order to apply them (each computed on the screen the previous ones
 * left). `cost[i]` is what rewriting row i of `before` would cost.
 */
export function planScrolls(before: string[], after: string[], cost: number[]): Scroll[] {
	// Consecutive matches with the same offset form one block.
	const blocks: Array<{from: number; to: number; length: number; saving: number}> = [];
	for (const [i, j] of matches(before, after)) {
		const last = blocks.at(-1);
		if (last && last.from + last.length === i && last.to + last.length === j) {
			last.length++;
			last.saving += cost[i] ?? 0;
		} else blocks.push({from: i, to: j, length: 1, saving: cost[i] ?? 0});
	}
	const moving = blocks.filter(b => b.from !== b.to && b.saving >= MIN_SAVING);
	// Blocks moving down go bottom first and blocks moving up top first, so no
	// scroll pushes a block that is still to move out of its place. Matches are
	// monotonic, so a block moving up and one moving down never share rows.
	const down = moving.filter(b => b.to > b.from).reverse();
	const up = moving.filter(b => b.to < b.from);
	return [...down, ...up].map(b => ({
		top: Math.min(b.from, b.to),
		bottom: Math.max(b.from, b.to) + b.length - 1,
		by: b.to - b.from,
	}));
}
