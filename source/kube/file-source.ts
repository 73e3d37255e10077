// A Source read once from a YAML or JSON file (--file): a List (kind List or
// any *List with items), multi-document YAML, a JSON array, or one object.
// Objects are sorted into ObjectSets by kind; other kinds are ignored.
//
// The file never changes, so every kind reports state 'live' with no reason:
// the data is as complete as it will ever be, and the status bar has nothing
// to warn about. start/stop do nothing, and ready() resolves at once.
import fs from 'node:fs';
import yaml from 'js-yaml';
import {UserError} from '../errors.js';
import {emptyObjectSets, type KubeObject, type ObjectSets} from '../domain/raw.js';
import {fileErrorWords, yamlErrorWhere} from './parse-errors.js';
import {resourceTypes, trimObject} from './resources.js';
import type {Snapshot, Source} from './source.js';

export function loadFileSource(path: string): Source {
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch (error) {
		throw new UserError(`cannot read --file ${path}: ${fileErrorWords(error)}`);
	}
	const objects = parseObjects(text, path);
	if (objects.length === 0) {
		throw new UserError(`--file ${path}: contains no Kubernetes objects`);
	}
	return staticSource(sortByKind(objects));
}

/** Every Kubernetes object in the text, Lists flattened. Throws UserError on bad syntax. */
export function parseObjects(text: string, path: string): KubeObject[] {
	const documents = parseDocuments(text, path);
	const found: KubeObject[] = [];
	for (const document of documents) {
		collect(document, undefined, found);
	}
	return found;
}

function parseDocuments(text: string, path: string): unknown[] {
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return [JSON.parse(text)];
		} catch {
			// Fall through: YAML also reads JSON and, unlike JSON.parse, reports the line.
		}
	}
	try {
		return yaml.loadAll(text);
	} catch (error) {
		// Never echo the parser's excerpt of the file: it may hold secrets.
		throw new UserError(`--file ${path}: not valid YAML or JSON (${yamlErrorWhere(error)})`);
	}
}

function collect(value: unknown, impliedKind: string | undefined, found: KubeObject[]): void {
	if (Array.isArray(value)) {
		for (const item of value) {
			collect(item, impliedKind, found);
		}
		return;
	}
	if (typeof value !== 'object' || value === null) {
		return;
	}
	const object = value as KubeObject & {items?: unknown};
	const kind = typeof object.kind === 'string' ? object.kind : impliedKind;
	if (kind && kind.endsWith('List') && Array.isArray(object.items)) {
		// Items of an API list response ("PodList") often leave out their own kind.
		collect(object.items, kind === 'List' ? undefined : kind.slice(0, -'List'.length), found);
		return;
	}
	if (kind && typeof object.metadata === 'object' && object.metadata !== null) {
		found.push(object.kind === kind ? object : {...object, kind});
	}
}

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
