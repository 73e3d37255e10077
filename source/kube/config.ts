// Loads a kubeconfig the way kubectl does, and turns every expected problem
// into one UserError line. client-node's own loaders throw odd errors (or merge
// silently), so files are read, merged and validated here and only the
// finished result is handed to KubeConfig. Error messages name files,
// contexts, clusters and users, never tokens, keys or certificate data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import {KubeConfig} from './client.js';
import {UserError} from '../errors.js';
import {fileErrorWords, yamlErrorWhere} from './parse-errors.js';
import {displayServer, foreignText} from './error-words.js';

export interface KubeConfigOptions {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
}

export interface LoadedKubeConfig {
	kc: KubeConfig;
	contextName: string;
	namespace: string;
	server: string;
	/** The kubeconfig user's name (not a credential). */
	user: string;
}

/** Where to look; the defaults are the real process. Tests pass their own. */
export interface KubeConfigEnvironment {
	env: Record<string, string | undefined>;
	homeDir: string | null;
	/** The in-cluster service-account directory (token, ca.crt, namespace). */
	serviceAccountDir: string;
}

const defaultEnvironment = (): KubeConfigEnvironment => ({
	env: process.env,
	homeDir: process.env['HOME'] || safeHomeDir(),
	serviceAccountDir: '/var/run/secrets/kubernetes.io/serviceaccount',
});

type RawEntry = {name?: unknown; [key: string]: unknown};

interface ParsedFile {
	file: string;
	currentContext: string | undefined;
	clusters: RawEntry[];
	users: RawEntry[];
	contexts: RawEntry[];
}

interface Merged {
	currentContext: string | undefined;
	clusters: Map<string, RawEntry>;
	users: Map<string, RawEntry>;
	contexts: Map<string, RawEntry>;
	/** Which file each entry came from, for error messages. */
	origin: Map<RawEntry, string>;
}

export function loadKubeConfig(
	opts: KubeConfigOptions,
	environment: KubeConfigEnvironment = defaultEnvironment(),
): LoadedKubeConfig {
	const {files, missing} = kubeconfigFiles(opts, environment);
	if (files.length === 0) {
		if (!inClusterAvailable(environment) && missing.length > 0) {
			throw new UserError(
				missing.length === 1
					? `kubeconfig ${missing[0]}: no such file (from KUBECONFIG)`
					: `none of the KUBECONFIG files exist (${missing.join(', ')})`,
			);
		}
		return loadInCluster(opts, environment);
	}

	const merged = mergeFiles(files.map(parseKubeconfigFile));
	const contextName = opts.context || merged.currentContext;
	if (!contextName) {
		throw new UserError('no context set in kubeconfig; use --context');
	}

	const context = merged.contexts.get(contextName);
	if (!context) {
		const available = [...merged.contexts.keys()];
		throw new UserError(
			`context "${contextName}" not found in kubeconfig` +
				(available.length > 0 ? ` (available: ${available.join(', ')})` : ' (it defines no contexts)'),
		);
	}

	const contextBody = asRecord(context['context']);
	const clusterName = stringField(contextBody, 'cluster');
	const userName = stringField(contextBody, 'user');
	if (!clusterName) {
		throw new UserError(`context "${contextName}" names no cluster`);
	}
	const cluster = merged.clusters.get(clusterName);
	if (!cluster) {
		throw new UserError(`context "${contextName}" refers to cluster "${clusterName}", which is not in kubeconfig`);
	}
	const server = stringField(asRecord(cluster['cluster']), 'server');
	if (!server) {
		throw new UserError(`cluster "${clusterName}" has no server in kubeconfig ${merged.origin.get(cluster)}`);
	}
	checkUrl(server, clusterName);
	checkReferencedFile(asRecord(cluster['cluster']), 'certificate-authority', `cluster "${clusterName}"`);

	if (userName) {
		const user = merged.users.get(userName);
		if (!user) {
			throw new UserError(`context "${contextName}" refers to user "${userName}", which is not in kubeconfig`);
		}
		const userBody = asRecord(user['user']);
		for (const key of ['client-certificate', 'client-key', 'token-file']) {
			checkReferencedFile(userBody, key, `user "${userName}"`);
		}
	}

	const kc = new KubeConfig();
	try {
		// Entries unrelated to the chosen context may be broken; kubectl ignores them, so drop them.
		kc.loadFromString(
			yaml.dump({
				apiVersion: 'v1',
				kind: 'Config',
				clusters: [...merged.clusters.values()],
				users: [...merged.users.values()],
				contexts: [...merged.contexts.values()],
				'current-context': contextName,
			}),
			{onInvalidEntry: 'filter'},
		);
	} catch (error) {
		throw new UserError(`kubeconfig: cannot load context "${contextName}" (${safeErrorText(error)})`);
	}

	const namespace = opts.namespace || stringField(contextBody, 'namespace') || 'default';
	return {kc, contextName, namespace, server: displayServer(server), user: userName ?? ''};
}

/**
 * --kubeconfig, else the KUBECONFIG list (missing entries skipped, as kubectl
 * does), else ~/.kube/config. An empty result means "try in-cluster";
 * `missing` then says which KUBECONFIG entries were not found.
 */
function kubeconfigFiles(opts: KubeConfigOptions, environment: KubeConfigEnvironment): {files: string[]; missing: string[]} {
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

function parseKubeconfigFile(file: string): ParsedFile {
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
function mergeFiles(files: ParsedFile[]): Merged {
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

function checkReferencedFile(body: Record<string, unknown> | undefined, key: string, owner: string): void {
	const file = body?.[key];
	if (typeof file !== 'string' || !file) {
		return;
	}
	try {
		fs.accessSync(file, fs.constants.R_OK);
	} catch (error) {
		throw new UserError(`kubeconfig: ${owner} ${key} ${file}: ${fileErrorWords(error)}`);
	}
}

function checkUrl(server: string, clusterName: string): void {
	let url: URL;
	try {
		url = new URL(server);
	} catch {
		throw new UserError(`cluster "${clusterName}" has an invalid server URL in kubeconfig`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UserError(`cluster "${clusterName}": server must be an http(s) URL, not ${url.protocol}`);
	}
}

/** In a pod: KUBERNETES_SERVICE_HOST plus the mounted service-account token. */
function inClusterAvailable(environment: KubeConfigEnvironment): boolean {
	return Boolean(environment.env['KUBERNETES_SERVICE_HOST']) && fs.existsSync(path.join(environment.serviceAccountDir, 'token'));
}

function loadInCluster(opts: KubeConfigOptions, environment: KubeConfigEnvironment): LoadedKubeConfig {
	const host = environment.env['KUBERNETES_SERVICE_HOST'] ?? '';
	const port = environment.env['KUBERNETES_SERVICE_PORT'] || '443';
	const tokenFile = path.join(environment.serviceAccountDir, 'token');
	if (!inClusterAvailable(environment)) {
		throw new UserError(
			'no kubeconfig found (no --kubeconfig, KUBECONFIG or ~/.kube/config) and not running in a cluster; use --kubeconfig or --file',
		);
	}
	if (opts.context) {
		throw new UserError(`context "${opts.context}" not found: no kubeconfig file, only the in-cluster service account`);
	}
	const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const kc = new KubeConfig();
	kc.loadFromOptions({
		clusters: [{name: 'in-cluster', server, caFile: path.join(environment.serviceAccountDir, 'ca.crt'), skipTLSVerify: false}],
		// The tokenFile auth provider re-reads the file, so rotated tokens keep working.
		users: [{name: 'service-account', authProvider: {name: 'tokenFile', config: {tokenFile}}}],
		contexts: [{name: 'in-cluster', cluster: 'in-cluster', user: 'service-account'}],
		currentContext: 'in-cluster',
	});
	let namespace = opts.namespace;
	if (!namespace) {
		try {
			namespace = fs.readFileSync(path.join(environment.serviceAccountDir, 'namespace'), 'utf8').trim();
		} catch {
			// No namespace file: fall back like kubectl does.
		}
	}
	return {kc, contextName: 'in-cluster', namespace: namespace || 'default', server, user: 'service-account'};
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
	const value = record?.[key];
	return typeof value === 'string' && value ? value : undefined;
}

function safeErrorText(error: unknown): string {
	return foreignText(error instanceof Error ? error.message : String(error), 160);
}

function safeHomeDir(): string | null {
	try {
		return os.homedir() || null;
	} catch {
		return null;
	}
}
