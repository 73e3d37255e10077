// Checks a parsed document against the loader's limits before anything else
// reads it: nesting depth (so later code may recurse) and the number of values
// (YAML aliases share values, so a small file can stand for a huge tree; no
// honest file has more values than bytes). Iterative: the input is untrusted.
import {FILE_LIMITS} from './file-limits.js';
import {FileProblem} from './file-problem.js';

/** Throws FileProblem when `document` nests deeper than maxDepth or holds more than `maxValues` values. */
export function checkValueLimits(document: unknown, maxValues: number): void {
	const values: unknown[] = [document];
	const depths: number[] = [0];
	let seen = 0;
	while (values.length > 0) {
		const value = values.pop();
		const depth = depths.pop()!;
		if (++seen > maxValues) {
			throw new FileProblem(`its aliases expand to more values than the file has bytes (${maxValues})`);
		}
		if (typeof value !== 'object' || value === null) continue;
		if (depth >= FILE_LIMITS.maxDepth) throw new FileProblem(`nested deeper than ${FILE_LIMITS.maxDepth} levels`);
		const children = Array.isArray(value) ? value : Object.values(value);
		for (const child of children) {
			values.push(child);
			depths.push(depth + 1);
		}
	}
}
