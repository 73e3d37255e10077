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
import {fileErrorWords} from './parse-errors.js';
import {displayServer, foreignText} from './error-words.js';
import {asRecord, kubeconfigFiles, mergeFiles, parseKubeconfigFile, stringField, type Merged} from './kubeconfig-files.js';

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
	const {contextName, contextBody} = chosenContext(merged, opts.context);
	const clusterName = stringField(contextBody, 'cluster');
	const userName = stringField(contextBody, 'user');
	const server = checkedServer(merged, contextName, clusterName);
	if (userName) checkUser(merged, contextName, userName);
	const kc = kubeConfigFor(merged, contextName);
	const namespace = opts.namespace || stringField(contextBody, 'namespace') || 'default';
	return {kc, contextName, namespace, server: displayServer(server), user: userName ?? ''};
}

/** The context to use (--context, else current-context) and its body. */
function chosenContext(merged: Merged, wanted: string | undefined): {contextName: string; contextBody: Record<string, unknown> | undefined} {
	const contextName = wanted || merged.currentContext;
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
	return {contextName, contextBody: asRecord(context['context'])};
}

/** The context's cluster exists, names a valid server and a readable CA file; returns the server URL. */
function checkedServer(merged: Merged, contextName: string, clusterName: string | undefined): string {
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
	return server;
}

/** The context's user exists and the files it names can be read. */
function checkUser(merged: Merged, contextName: string, userName: string): void {
	const user = merged.users.get(userName);
	if (!user) {
		throw new UserError(`context "${contextName}" refers to user "${userName}", which is not in kubeconfig`);
	}
	const userBody = asRecord(user['user']);
	for (const key of ['client-certificate', 'client-key', 'token-file']) {
		checkReferencedFile(userBody, key, `user "${userName}"`);
	}
}

/** client-node's KubeConfig for the merged files, set to the chosen context. */
function kubeConfigFor(merged: Merged, contextName: string): KubeConfig {
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
	return kc;
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
