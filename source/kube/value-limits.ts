// Checks a parsed document against the loader's limits before anything else
// reads it: nesting depth (so later code may recurse), cycles, and the number
// of values. YAML aliases share values, so a small file can stand for a huge
// tree (billion laughs) or a cyclic one (`&a [*a]`); an honest file has about
// as many values as bytes. Iterative: the input is untrusted.
import {FILE_LIMITS} from './file-limits.js';
import {FileProblem} from './file-problem.js';

/** Marks the end of a container's children on the walk stack. */
const EXIT = Symbol('exit');

/**
 * Throws FileProblem when `document` nests deeper than maxDepth, holds more
 * than `maxValues` values counting every alias expansion, or (when `shared`,
 * as YAML aliases make possible) contains itself.
 */
export function checkValueLimits(document: unknown, maxValues: number, shared: boolean): void {
	const stack: unknown[] = [document];
	const open = new Set<object>();
	let depth = 0;
	let seen = 0;
	while (stack.length > 0) {
		const value = stack.pop();
		if (value === EXIT) {
			depth--;
			const container = stack.pop() as object;
			if (shared) open.delete(container);
			continue;
		}
		if (++seen > maxValues) throw new FileProblem(`its YAML aliases expand to more than ${maxValues} values (${FILE_LIMITS.valuesPerByte} per byte of the file)`);
		if (typeof value !== 'object' || value === null) continue;
		if (shared && open.has(value)) throw new FileProblem('not valid YAML (an alias refers to a node that contains it, a cycle)');
		if (depth >= FILE_LIMITS.maxDepth) throw new FileProblem(`nested deeper than ${FILE_LIMITS.maxDepth} levels`);
		depth++;
		if (shared) open.add(value);
		stack.push(value, EXIT);
		const children = Array.isArray(value) ? value : Object.values(value);
		for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
	}
}
