// Sorting the many short lists of a derivation (pods of a ReplicaSet,
// ReplicaSets of a rollout, tags of an image) without Array.prototype.sort's
// per-call allocation: V8's TimSort allocates its work space (about 1.5 KB)
// on every call, even for two elements.

/** Arrays up to this length are insertion-sorted here; longer ones go to Array.prototype.sort. */
export const SMALL_SORT = 16;

/**
 * Sorts in place and returns the array, like `items.sort(compare)`. Both are
 * stable, so for a consistent comparator (a total preorder, as every model
 * comparator is) the result is the same element for element.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
	const n = items.length;
	if (n > SMALL_SORT) return items.sort(compare);
	for (let i = 1; i < n; i++) {
		const x = items[i]!;
		let j = i - 1;
		while (j >= 0 && compare(items[j]!, x) > 0) {
			items[j + 1] = items[j]!;
			j--;
		}
		items[j + 1] = x;
	}
	return items;
}

/**
 * Sorts `items` in place by a numeric key, then by `compare` among equal
 * keys; `keys[i]` belongs to `items[i]` and is reordered along with it.
 * Same result as sorting by `(a, b) => keyA < keyB ? -1 : keyA > keyB ? 1 : compare(a, b)`,
 * with each key computed once. Keys must not be NaN.
 */
export function sortByKey<T>(items: T[], keys: number[], compare: (a: T, b: T) => number): T[] {
	const n = items.length;
	if (n > SMALL_SORT) {
		const keyed = items.map((item, i) => ({item, key: keys[i]!}));
		keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : compare(a.item, b.item)));
		for (let i = 0; i < n; i++) {
			items[i] = keyed[i]!.item;
			keys[i] = keyed[i]!.key;
		}
		return items;
	}
	for (let i = 1; i < n; i++) {
		const x = items[i]!;
		const k = keys[i]!;
		let j = i - 1;
		while (j >= 0) {
			const kj = keys[j]!;
			if (!(kj > k || (kj === k && compare(items[j]!, x) > 0))) break;
			items[j + 1] = items[j]!;
			keys[j + 1] = kj;
			j--;
		}
		items[j + 1] = x;
		keys[j + 1] = k;
	}
	return items;
}
