// A Source read once from a YAML or JSON file (--file, or - for standard
// input): a List (kind List or any *List with items), multi-document YAML, a
// JSON array, or one object. Objects are sorted into ObjectSets by kind;
// other kinds are ignored. The file is untrusted: file-limits.ts bounds what
// it may cost, and every problem is one UserError line that names positions,
// never the file's bytes.
//
// The file never changes, so every kind reports state 'live' with no reason:
// the data is as complete as it will ever be, and the status bar has nothing
// to warn about. start/stop do nothing, and ready() resolves at once.
import fs from 'node:fs';
import {UserError} from '../errors.js';
import {emptyObjectSets, type KubeObject, type ObjectSets} from '../domain/raw.js';
import {FILE_LIMITS, mib} from './file-limits.js';
import {FileProblem} from './file-problem.js';
import {fileErrorWords} from './parse-errors.js';
import {resourceTypes, trimObject} from './resources.js';
import type {Snapshot, Source} from './source.js';
import {checkValueLimits} from './value-limits.js';
import {parseYamlDocuments} from './yaml-documents.js';

/** The largest input read at all; YAML has a lower limit, checked once the format is known. */
const MAX_BYTES = Math.max(FILE_LIMITS.maxJsonBytes, FILE_LIMITS.maxYamlBytes);

export function loadFileSource(path: string): Source {
	let bytes: Buffer;
	try {
		bytes = readCapped(path);
	} catch (error) {
		if (error instanceof FileProblem) throw new UserError(`--file ${path}: ${error.message}`);
		throw new UserError(`cannot read --file ${path}: ${fileErrorWords(error)}`);
	}
	return sourceFromBytes(bytes, path);
}

/** --file -: standard input, read to its end (at most the byte limit). */
export async function loadStdinSource(stdin: NodeJS.ReadableStream = process.stdin): Promise<Source> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of stdin) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		total += buffer.length;
		if (total > MAX_BYTES) throw new UserError(`--file -: ${tooBig(MAX_BYTES)}`);
		chunks.push(buffer);
	}
	return sourceFromBytes(Buffer.concat(chunks), '-');
}

/** The objects of a file's contents as a Source; `label` names the file in errors. */
export function sourceFromBytes(bytes: Buffer, label: string): Source {
	const objects = parseObjects(bytes.toString('utf8'), label);
	if (objects.length === 0) throw new UserError(`--file ${label}: contains no Kubernetes objects`);
	return staticSource(sortByKind(objects));
}

/** Every Kubernetes object in the text, Lists flattened. Throws UserError naming `label` for a bad file. */
export function parseObjects(text: string, label: string): KubeObject[] {
	try {
		return objectsOf(text);
	} catch (error) {
		if (error instanceof FileProblem) throw new UserError(`--file ${label}: ${error.message}`);
		throw error;
	}
}

/** The file's bytes, refusing more than MAX_BYTES without reading them all (works for pipes too). */
function readCapped(path: string): Buffer {
	const fd = fs.openSync(path, 'r');
	try {
		const stat = fs.fstatSync(fd);
		if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), {code: 'EISDIR'});
		if (stat.size > MAX_BYTES) throw new FileProblem(tooBig(MAX_BYTES));
		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const chunk = Buffer.allocUnsafe(1024 * 1024);
			const n = fs.readSync(fd, chunk, 0, chunk.length, null);
			if (n === 0) break;
			total += n;
			if (total > MAX_BYTES) throw new FileProblem(tooBig(MAX_BYTES));
			chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
		}
		return Buffer.concat(chunks, total);
	} finally {
		fs.closeSync(fd);
	}
}

const tooBig = (limit: number, format = ''): string => `${format}larger than the ${mib(limit)} limit`;

/** Every Kubernetes object in the text, Lists flattened. Throws FileProblem. */
function objectsOf(text: string): KubeObject[] {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const {documents, shared} = parseDocuments(body);
	// Aliases may share values: count every expansion, up to a few per byte of the file.
	const maxValues = FILE_LIMITS.valuesPerByte * body.length + 1000;
	const found: KubeObject[] = [];
	documents.forEach((document, i) => {
		checkValueLimits(document, maxValues, shared);
		collect(document, i + 1, documents.length, found);
	});
	return found;
}

/** The documents, and whether they may share values (YAML aliases). */
function parseDocuments(text: string): {documents: unknown[]; shared: boolean} {
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		if (text.length > FILE_LIMITS.maxJsonBytes) throw new FileProblem(tooBig(FILE_LIMITS.maxJsonBytes, 'JSON '));
		try {
			return {documents: [JSON.parse(text)], shared: false};
		} catch {
			// Not JSON after all: YAML reads JSON too, and reports the line and column.
		}
	}
	if (Buffer.byteLength(text) > FILE_LIMITS.maxYamlBytes) {
		throw new FileProblem(`${tooBig(FILE_LIMITS.maxYamlBytes, 'YAML ')}; JSON may be up to ${mib(FILE_LIMITS.maxJsonBytes)} (kubectl get -o json)`);
	}
	return {documents: parseYamlDocuments(text), shared: true};
}

/**
 * Appends the Kubernetes objects in `document` to `found`, in order: arrays
 * and Lists are flattened, items of a typed list ("PodList") get its kind.
 * Iterative, like everything that walks the file.
 */
function collect(document: unknown, index: number, count: number, found: KubeObject[]): void {
	const pending: Array<{value: unknown; impliedKind: string | undefined}> = [{value: document, impliedKind: undefined}];
	while (pending.length > 0) {
		const {value, impliedKind} = pending.pop()!;
		const children = listItems(value, impliedKind, () => (count > 1 ? `document ${index}: ` : ''));
		if (children) {
			for (let i = children.items.length - 1; i >= 0; i--) pending.push({value: children.items[i], impliedKind: children.kind});
			continue;
		}
		if (typeof value !== 'object' || value === null) continue;
		const object = value as KubeObject;
		const kind = typeof object.kind === 'string' ? object.kind : impliedKind;
		if (kind && typeof object.metadata === 'object' && object.metadata !== null) {
			if (found.length >= FILE_LIMITS.maxObjects) throw new FileProblem(`more than ${FILE_LIMITS.maxObjects} Kubernetes objects`);
			found.push(object.kind === kind ? object : {...object, kind});
		}
	}
}

/** The elements of an array, or the items of a List with the kind they imply; undefined for anything else. */
function listItems(value: unknown, impliedKind: string | undefined, where: () => string): {items: unknown[]; kind: string | undefined} | undefined {
	if (Array.isArray(value)) return {items: value, kind: impliedKind};
	if (typeof value !== 'object' || value === null) return undefined;
	const object = value as {kind?: unknown; items?: unknown};
	const kind = typeof object.kind === 'string' ? object.kind : impliedKind;
	if (!kind?.endsWith('List') || !('items' in object)) return undefined;
	// Go writes a nil slice as null: an empty list. Anything else that is not a list is a broken file.
	if (object.items === null) return {items: [], kind: undefined};
	if (!Array.isArray(object.items)) {
		throw new FileProblem(`${where()}a ${kind} whose items is ${describe(object.items)}, not a list`);
	}
	// Items of an API list response ("PodList") often leave out their own kind.
	return {items: object.items, kind: kind === 'List' ? undefined : kind.slice(0, -'List'.length)};
}

const describe = (value: unknown): string =>
	typeof value === 'object' ? 'an object' : typeof value === 'string' ? 'a string' : `a ${typeof value}`;

export function sortByKind(objects: KubeObject[]): ObjectSets {
	const sets = emptyObjectSets();
	const byKind = sets as unknown as Record<keyof ObjectSets, KubeObject[]>;
	for (const object of objects) {
		const type = resourceTypes.find((candidate) => candidate.kind === object.kind);
		if (type) {
			byKind[type.set].push(trimObject(object));
		}
	}
	return sets;
}

function staticSource(objects: ObjectSets): Source {
	const snapshot: Snapshot = {
		version: 1,
		objects,
		watches: resourceTypes.map((type) => ({
			resource: type.resource,
			state: 'live',
			attempt: 0,
			nextRetryAt: null,
			reason: null,
		})),
	};
	return {
		start() {},
		stop() {},
		getSnapshot: () => snapshot,
		subscribe: () => () => {},
		ready: () => Promise.resolve(),
	};
}
