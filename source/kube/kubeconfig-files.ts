// Finds, reads, parses and merges kubeconfig files the way kubectl does
// (--kubeconfig, else the KUBECONFIG list, else ~/.kube/config; the first
// file to name an entry wins; relative paths resolved against their file).
// Every problem is one UserError line naming the file, never its secrets.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import {UserError} from '../errors.js';
import {fileErrorWords, yamlErrorWhere} from './parse-errors.js';
import type {KubeConfigEnvironment, KubeConfigOptions} from './config.js';

export type RawEntry = {name?: unknown; [key: string]: unknown};

interface ParsedFile {
	file: string;
	currentContext: string | undefined;
	clusters: RawEntry[];
	users: RawEntry[];
	contexts: RawEntry[];
}

export interface Merged {
	currentContext: string | undefined;
	clusters: Map<string, RawEntry>;
	users: Map<string, RawEntry>;
	contexts: Map<string, RawEntry>;
	/** Which file each entry came from, for error messages. */
	origin: Map<RawEntry, string>;
}

/**
 * --kubeconfig, else the KUBECONFIG list (missing entries skipped, as kubectl
 * does), else ~/.kube/config. An empty result means "try in-cluster";
 * `missing` then says which KUBECONFIG entries were not found.
 */
export function kubeconfigFiles(opts: KubeConfigOptions, environment: KubeConfigEnvironment): {files: string[]; missing: string[]} {
	if (opts.kubeconfig) {
		return {files: [opts.kubeconfig], missing: []};
	}
	const list = environment.env['KUBECONFIG'];
	const listed = list ? list.split(path.delimiter).filter((file) => file.length > 0) : [];
	const existing = listed.filter((file) => fs.existsSync(file));
	if (existing.length > 0) {
		return {files: existing, missing: []};
	}
	if (listed.length === 0 && environment.homeDir) {
		const file = path.join(environment.homeDir, '.kube', 'config');
		if (fs.existsSync(file)) {
			return {files: [file], missing: []};
		}
	}
	return {files: [], missing: listed};
}

export function parseKubeconfigFile(file: string): ParsedFile {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new UserError(`kubeconfig ${file}: ${fileErrorWords(error)}`);
	}

	let document: unknown;
	try {
		document = yaml.load(text);
	} catch (error) {
		// Only the line and the parser's reason: the excerpt could show a token.
		throw new UserError(`kubeconfig ${file}: not valid YAML (${yamlErrorWhere(error)})`);
	}
	if (document === null || document === undefined) {
		return {file, currentContext: undefined, clusters: [], users: [], contexts: []};
	}
	if (typeof document !== 'object' || Array.isArray(document)) {
		throw new UserError(`kubeconfig ${file}: not a kubeconfig (expected a mapping with clusters, users and contexts)`);
	}

	const record = document as Record<string, unknown>;
	const dir = path.dirname(path.resolve(file));
	const currentContext = record['current-context'];
	return {
		file,
		currentContext: typeof currentContext === 'string' && currentContext ? currentContext : undefined,
		clusters: entries(record, 'clusters', file).map((entry) =>
			resolvePaths(entry, 'cluster', ['certificate-authority'], dir),
		),
		users: entries(record, 'users', file).map((entry) =>
			resolveExecCommand(resolvePaths(entry, 'user', ['client-certificate', 'client-key', 'token-file'], dir), dir),
		),
		contexts: entries(record, 'contexts', file),
	};
}

function entries(record: Record<string, unknown>, key: string, file: string): RawEntry[] {
	const value = record[key];
	if (value === undefined || value === null) {
		return [];
	}
	if (!Array.isArray(value)) {
		throw new UserError(`kubeconfig ${file}: "${key}" must be a list`);
	}
	return value.filter(
		(entry): entry is RawEntry =>
			typeof entry === 'object' && entry !== null && typeof (entry as RawEntry).name === 'string',
	);
}

/** kubectl's merge: the first file to define a name wins; the first current-context wins. */
export function mergeFiles(files: ParsedFile[]): Merged {
	const merged: Merged = {
		currentContext: undefined,
		clusters: new Map(),
		users: new Map(),
		contexts: new Map(),
		origin: new Map(),
	};
	for (const file of files) {
		merged.currentContext ??= file.currentContext;
		for (const [list, map] of [
			[file.clusters, merged.clusters],
			[file.users, merged.users],
			[file.contexts, merged.contexts],
		] as const) {
			for (const entry of list) {
				const name = entry.name as string;
				if (!map.has(name)) {
					map.set(name, entry);
					merged.origin.set(entry, file.file);
				}
			}
		}
	}
	return merged;
}

/** Relative file references in a kubeconfig are relative to that file, as in kubectl. */
function resolvePaths(entry: RawEntry, bodyKey: string, keys: string[], dir: string): RawEntry {
	const body = asRecord(entry[bodyKey]);
	if (!body) {
		return entry;
	}
	const resolved = {...body};
	for (const key of keys) {
		const value = resolved[key];
		if (typeof value === 'string' && value && !path.isAbsolute(value)) {
			resolved[key] = path.join(dir, value);
		}
	}
	return {...entry, [bodyKey]: resolved};
}

function resolveExecCommand(entry: RawEntry, dir: string): RawEntry {
	const user = asRecord(entry['user']);
	const exec = asRecord(user?.['exec']);
	const command = exec?.['command'];
	// kubectl resolves "./bin/plugin" against the kubeconfig's folder but leaves bare names to $PATH.
	if (typeof command === 'string' && command.includes(path.sep) && !path.isAbsolute(command)) {
		return {...entry, user: {...user, exec: {...exec, command: path.join(dir, command)}}};
	}
	return entry;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

export function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
	const value = record?.[key];
	return typeof value === 'string' && value ? value : undefined;
}

