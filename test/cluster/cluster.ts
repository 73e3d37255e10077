/**
 * Launcher for a real local Kubernetes control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler), kwok for fake nodes and the pod
 * lifecycle, and the real Argo Rollouts controller.
 *
 * Every process is started detached, bound to 127.0.0.1 on a free port (the Argo
 * controller's healthz/metrics ports bind 0.0.0.0, so those are checked free on
 * all interfaces), with its output in `.cluster/logs/<component>.log` and its pid
 * in `.cluster/pids/<component>.pid`. Binaries come from `test/cluster/build.sh`.
 *
 * Used by the vitest global setup, the integration helpers and `cli.ts`/`demo.ts`.
 */
import {spawn, execFile} from 'node:child_process';
import {promisify} from 'node:util';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import yaml from 'js-yaml';
import * as k8s from '@kubernetes/client-node';

const execFileP = promisify(execFile);

// ---------------------------------------------------------------------------
// Paths, names and state
// ---------------------------------------------------------------------------

const here = path.dirname(fileURLToPath(import.meta.url));

/** Repository root, derived from this file's location (test/cluster/cluster.ts). */
export const repoRoot = path.resolve(here, '..', '..');

/** Components in start order; `down()` stops them in reverse. */
export const COMPONENTS = [
	'etcd',
	'kube-apiserver',
	'kube-controller-manager',
	'kube-scheduler',
	'kwok',
	'rollouts-controller',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface ClusterPaths {
	/** `.cluster/` at the repository root. */
	stateDir: string;
	pkiDir: string;
	/** Admin kubeconfig (CN=kwok-admin, O=system:masters). Never print its contents. */
	kubeconfig: string;
	/** Kubeconfig of the read-only user `rollouts-viewer`. */
	kubeconfigReadonly: string;
	etcdDataDir: string;
	logsDir: string;
	pidsDir: string;
	portsFile: string;
	stateFile: string;
	kwokConfig: string;
	lockDir: string;
	usersDir: string;
}

export interface ClusterPorts {
	etcdClient: number;
	etcdPeer: number;
	apiserver: number;
	controllerManager: number;
	scheduler: number;
	kwok: number;
	rolloutsHealthz: number;
	rolloutsMetrics: number;
}

/** What `up()` records besides the ports: where the binaries came from and who asked for the cluster. */
export interface ClusterState {
	binDir: string;
	/** Resolved path of each component's binary at start time (restarts use the same binaries). */
	binaries: Record<ComponentName, string>;
	startedAt: string;
	/** 'test' when a test run started it (so the test run may stop it again), 'cli' otherwise. */
	owner: 'test' | 'cli';
	nodes: string[];
	/** Whether kube-apiserver runs with its watch cache (see UpOptions.watchCache). */
	watchCache: boolean;
}

export interface ComponentStatus {
	name: ComponentName;
	pid: number | undefined;
	running: boolean;
	/** Main port of the component, if it has one. */
	port: number | undefined;
	log: string;
}

export interface ClusterStatus {
	/** True when every component runs and the apiserver answers /readyz. */
	healthy: boolean;
	apiserverReady: boolean;
	components: ComponentStatus[];
	paths: ClusterPaths;
	ports: ClusterPorts | undefined;
	state: ClusterState | undefined;
}

export interface UpOptions {
	/** Directory holding the binaries (build.sh's last stdout line). Default: defaultBinDir(). */
	binDir?: string;
	/** Number of fake nodes (default 3). */
	nodes?: number;
	/** Progress messages (default: silent). */
	log?: (message: string) => void;
	/** Recorded in the state so a test run only stops clusters it started (default 'cli'). */
	owner?: 'test' | 'cli';
	/**
	 * Run kube-apiserver with its watch cache (default: off, unless ROLLOUTS_TUI_WATCH_CACHE=1).
	 * A freshly restarted apiserver with a watch cache answers every resumed watch with
	 * 410 Gone (its cache has no history) and 429 while the cache fills; the controllers'
	 * client-go reflectors then back off for 30-75 s before they see new objects. Without
	 * the cache, watches are served from etcd, resume from their resourceVersion and the
	 * controllers carry on within a second of a restart. Use `compactEtcd()` to force 410s.
	 */
	watchCache?: boolean;
}

export interface UpResult {
	/** True when an already running, healthy cluster was reused. */
	reused: boolean;
	paths: ClusterPaths;
	ports: ClusterPorts;
	state: ClusterState;
	elapsedMs: number;
}

export class ClusterError extends Error {
	constructor(message: string, readonly component?: ComponentName) {
		super(message);
		this.name = 'ClusterError';
	}
}

/** Paths of the cluster state; `stateDir` defaults to `<repo>/.cluster`, overridable with ROLLOUTS_TUI_CLUSTER_DIR. */
export function clusterPaths(stateDir = process.env.ROLLOUTS_TUI_CLUSTER_DIR ?? path.join(repoRoot, '.cluster')): ClusterPaths {
	return {
		stateDir,
		pkiDir: path.join(stateDir, 'pki'),
		kubeconfig: path.join(stateDir, 'kubeconfig'),
		kubeconfigReadonly: path.join(stateDir, 'kubeconfig-readonly'),
		etcdDataDir: path.join(stateDir, 'etcd'),
		logsDir: path.join(stateDir, 'logs'),
		pidsDir: path.join(stateDir, 'pids'),
		portsFile: path.join(stateDir, 'ports.json'),
		stateFile: path.join(stateDir, 'state.json'),
		kwokConfig: path.join(stateDir, 'kwok.yaml'),
		lockDir: path.join(stateDir, '.lock'),
		usersDir: path.join(stateDir, 'users'),
	};
}

/** Where build.sh links the binaries: `${ROLLOUTS_TUI_CACHE:-~/.cache/rollouts-tui}/bin/current`, or ROLLOUTS_TUI_BIN_DIR. */
export function defaultBinDir(): string {
	if (process.env.ROLLOUTS_TUI_BIN_DIR) return process.env.ROLLOUTS_TUI_BIN_DIR;
	const cache = process.env.ROLLOUTS_TUI_CACHE ?? path.join(os.homedir(), '.cache', 'rollouts-tui');
	return path.join(cache, 'bin', 'current');
}

const binaryNames: Record<ComponentName, string> = {
	etcd: 'etcd',
	'kube-apiserver': 'kube-apiserver',
	'kube-controller-manager': 'kube-controller-manager',
	'kube-scheduler': 'kube-scheduler',
	kwok: 'kwok',
	'rollouts-controller': 'rollouts-controller',
};

/** The official kubectl plugin built alongside the controller. */
export function pluginBinary(binDir = readStateSync()?.binDir ?? defaultBinDir()): string {
	return path.join(binDir, 'kubectl-argo-rollouts');
}

function readJsonSync<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

export function readPortsSync(paths = clusterPaths()): ClusterPorts | undefined {
	return readJsonSync<ClusterPorts>(paths.portsFile);
}

export function readStateSync(paths = clusterPaths()): ClusterState | undefined {
	return readJsonSync<ClusterState>(paths.stateFile);
}

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorText(error: unknown): string {
	if (error instanceof k8s.ApiException) {
		const body = typeof error.body === 'string' ? error.body : JSON.stringify(error.body);
		return `HTTP ${error.code}: ${body?.slice(0, 300)}`;
	}
	return error instanceof Error ? error.message : String(error);
}

function apiCode(error: unknown): number | undefined {
	return error instanceof k8s.ApiException ? error.code : undefined;
}

/** Last `lines` lines of a component's log (empty string if there is none). */
export function logTail(component: ComponentName, lines = 30, paths = clusterPaths()): string {
	const file = path.join(paths.logsDir, `${component}.log`);
	try {
		const size = fs.statSync(file).size;
		const fd = fs.openSync(file, 'r');
		try {
			const length = Math.min(size, 64 * 1024);
			const buffer = Buffer.alloc(length);
			fs.readSync(fd, buffer, 0, length, size - length);
			return buffer.toString('utf8').split('\n').slice(-lines - 1).join('\n').trimEnd();
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

function failure(component: ComponentName, message: string, paths: ClusterPaths): ClusterError {
	const tail = logTail(component, 30, paths);
	const logFile = path.join(paths.logsDir, `${component}.log`);
	return new ClusterError(
		`${component}: ${message}\n--- last lines of ${logFile} ---\n${tail || '(empty)'}\n---`,
		component,
	);
}

/** A port that is free on all interfaces (so also on 127.0.0.1), distinct from `taken`. */
async function freePort(taken: Set<number>): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.once('error', reject);
			server.listen({port: 0, host: '0.0.0.0', exclusive: true}, () => {
				const address = server.address();
				const p = typeof address === 'object' && address ? address.port : 0;
				server.close(() => resolve(p));
			});
		});
		if (port > 0 && !taken.has(port)) {
			taken.add(port);
			return port;
		}
	}
	throw new ClusterError('could not find a free TCP port');
}

async function allocatePorts(): Promise<ClusterPorts> {
	const taken = new Set<number>();
	return {
		etcdClient: await freePort(taken),
		etcdPeer: await freePort(taken),
		apiserver: await freePort(taken),
		controllerManager: await freePort(taken),
		scheduler: await freePort(taken),
		kwok: await freePort(taken),
		rolloutsHealthz: await freePort(taken),
		rolloutsMetrics: await freePort(taken),
	};
}

async function portIsFree(port: number, host: string): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)));
	});
}

interface ProbeOptions {
	/** PEM material for TLS; `insecure` skips server verification (self-signed serving certs). */
	ca?: Buffer;
	cert?: Buffer;
	key?: Buffer;
	insecure?: boolean;
}

/** GET a URL; resolves with status and body, rejects on connection errors. 3 s timeout. */
function httpGet(url: string, options: ProbeOptions = {}): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const isHttps = url.startsWith('https:');
		const request = (isHttps ? https : http).get(
			url,
			isHttps
				? {ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: !options.insecure, timeout: 3000}
				: {timeout: 3000},
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => {
					if (body.length < 4096) body += chunk;
				});
				response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
			},
		);
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', reject);
	});
}

// ---------------------------------------------------------------------------
// Process bookkeeping
// ---------------------------------------------------------------------------

function pidFile(component: ComponentName, paths: ClusterPaths): string {
	return path.join(paths.pidsDir, `${component}.pid`);
}

function readPid(component: ComponentName, paths: ClusterPaths): number | undefined {
	try {
		const pid = Number.parseInt(fs.readFileSync(pidFile(component, paths), 'utf8').trim(), 10);
		return Number.isFinite(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * True when `pid` is alive (not a zombie) and is the component's binary: the
 * recorded pid could have been reused by an unrelated process.
 */
function isOurProcess(pid: number, component: ComponentName): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const stateChar = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		if (stateChar === 'Z' || stateChar === 'X') return false;
		const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
		return path.basename(argv0) === binaryNames[component];
	} catch {
		return false;
	}
}

function componentRunning(component: ComponentName, paths: ClusterPaths): {pid: number | undefined; running: boolean} {
	const pid = readPid(component, paths);
	return {pid, running: pid !== undefined && isOurProcess(pid, component)};
}

async function waitForExit(pid: number, component: ComponentName, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isOurProcess(pid, component)) return true;
		await sleep(100);
	}
	return !isOurProcess(pid, component);
}

/**
 * Default grace before SIGKILL. kube-apiserver's graceful shutdown waits for open
 * watch streams (up to --request-timeout, 60 s) while its clients are still
 * connected, so it only gets a short grace; the others exit within a second.
 */
const stopGraceMs: Record<ComponentName, number> = {
	etcd: 10_000,
	'kube-apiserver': 3_000,
	'kube-controller-manager': 10_000,
	'kube-scheduler': 10_000,
	kwok: 10_000,
	'rollouts-controller': 10_000,
};

/** Sends `signal` (SIGTERM) to the recorded pid, SIGKILL after `timeoutMs`; removes the pid file. No-op if not running. */
async function stopProcess(
	component: ComponentName,
	paths: ClusterPaths,
	timeoutMs = stopGraceMs[component],
	signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> {
	const pid = readPid(component, paths);
	if (pid !== undefined && isOurProcess(pid, component)) {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
		if (!(await waitForExit(pid, component, timeoutMs))) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await waitForExit(pid, component, 5000);
		}
	}
	await fsp.rm(pidFile(component, paths), {force: true});
}

// ---------------------------------------------------------------------------
// Lock and users (so concurrent test runs / CLI calls do not trip over each other)
// ---------------------------------------------------------------------------

async function withLock<T>(paths: ClusterPaths, fn: () => Promise<T>, timeoutMs = 10 * 60_000): Promise<T> {
	await fsp.mkdir(paths.stateDir, {recursive: true});
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			fs.mkdirSync(paths.lockDir);
			fs.writeFileSync(path.join(paths.lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number.parseInt(fs.readFileSync(path.join(paths.lockDir, 'pid'), 'utf8').trim() || '0', 10);
			let ownerAlive = false;
			if (owner > 0) {
				try {
					process.kill(owner, 0);
					ownerAlive = true;
				} catch {
					ownerAlive = false;
				}
			}
			// A lock without a pid file is one being created right now, unless it is old.
			const age = Date.now() - fs.statSync(paths.lockDir).mtimeMs;
			if ((owner > 0 && !ownerAlive) || (owner === 0 && age > 30_000) || owner === process.pid) {
				fs.rmSync(paths.lockDir, {recursive: true, force: true});
				continue;
			}
			if (Date.now() > deadline) throw new ClusterError(`timed out waiting for the cluster lock ${paths.lockDir} held by pid ${owner}`);
			await sleep(250);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(paths.lockDir, {recursive: true, force: true});
	}
}

/** Records that process `pid` uses the cluster (test runs); see `otherLiveUsers`. */
export function registerUser(pid = process.pid, paths = clusterPaths()): void {
	fs.mkdirSync(paths.usersDir, {recursive: true});
	fs.writeFileSync(path.join(paths.usersDir, String(pid)), new Date().toISOString());
}

export function unregisterUser(pid = process.pid, paths = clusterPaths()): void {
	fs.rmSync(path.join(paths.usersDir, String(pid)), {force: true});
}

/** Registered users other than `pid` whose process still exists. */
export function otherLiveUsers(pid = process.pid, paths = clusterPaths()): number[] {
	let entries: string[] = [];
	try {
		entries = fs.readdirSync(paths.usersDir);
	} catch {
		return [];
	}
	return entries
		.map((entry) => Number.parseInt(entry, 10))
		.filter((other) => {
			if (!Number.isFinite(other) || other === pid) return false;
			try {
				process.kill(other, 0);
				return true;
			} catch {
				return false;
			}
		});
}

// ---------------------------------------------------------------------------
// PKI and kubeconfigs
// ---------------------------------------------------------------------------

async function openssl(args: string[], cwd: string): Promise<void> {
	try {
		await execFileP('openssl', args, {cwd});
	} catch (error) {
		const e = error as {stderr?: string; message: string};
		throw new ClusterError(`openssl ${args[0]} failed: ${e.stderr || e.message}`);
	}
}

/**
 * CA, the admin certificate (serving + client: CN=kwok-admin, O=system:masters),
 * a service-account signing key and the read-only client certificate (CN=rollouts-viewer).
 */
async function generatePki(pkiDir: string): Promise<void> {
	await fsp.mkdir(pkiDir, {recursive: true, mode: 0o700});
	const days = '3650';
	await openssl(
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', days,
			'-subj', '/CN=rollouts-tui-ca',
			'-addext', 'basicConstraints=critical,CA:TRUE',
			'-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'],
		pkiDir,
	);
	const sans = [
		'IP:127.0.0.1', 'IP:::1', 'IP:10.96.0.1', 'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default',
		'DNS:kubernetes.default.svc', 'DNS:kubernetes.default.svc.cluster.local',
	].join(',');
	await fsp.writeFile(
		path.join(pkiDir, 'admin.ext'),
		`basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=${sans}\n`,
	);
	await fsp.writeFile(
		path.join(pkiDir, 'client.ext'),
		'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
	);
	const leaf = async (name: string, subject: string, ext: string) => {
		await openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], pkiDir);
		await openssl(
			['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`,
				'-days', days, '-sha256', '-extfile', ext],
			pkiDir,
		);
	};
	await Promise.all([
		leaf('admin', '/O=system:masters/CN=kwok-admin', 'admin.ext'),
		leaf('readonly', '/O=rollouts-viewers/CN=rollouts-viewer', 'client.ext'),
		openssl(['genrsa', '-out', 'sa.key', '2048'], pkiDir),
	]);
	await openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], pkiDir);
	for (const file of await fsp.readdir(pkiDir)) {
		if (file.endsWith('.key')) await fsp.chmod(path.join(pkiDir, file), 0o600);
	}
}

function kubeconfigYaml(server: string, pkiDir: string, user: string, certName: string, contextName: string): string {
	const b64 = (file: string) => fs.readFileSync(path.join(pkiDir, file)).toString('base64');
	return yaml.dump({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name: 'rollouts-tui', cluster: {server, 'certificate-authority-data': b64('ca.crt')}}],
		users: [{name: user, user: {'client-certificate-data': b64(`${certName}.crt`), 'client-key-data': b64(`${certName}.key`)}}],
		contexts: [{name: contextName, context: {cluster: 'rollouts-tui', user, namespace: 'default'}}],
		'current-context': contextName,
		preferences: {},
	});
}

async function writeKubeconfigs(paths: ClusterPaths, ports: ClusterPorts): Promise<void> {
	const server = `https://127.0.0.1:${ports.apiserver}`;
	await fsp.writeFile(paths.kubeconfig, kubeconfigYaml(server, paths.pkiDir, 'kwok-admin', 'admin', 'rollouts-tui'), {mode: 0o600});
	await fsp.writeFile(
		paths.kubeconfigReadonly,
		kubeconfigYaml(server, paths.pkiDir, 'rollouts-viewer', 'readonly', 'rollouts-tui-readonly'),
		{mode: 0o600},
	);
}

// ---------------------------------------------------------------------------
// Go module lookups (kwok stages, Argo CRDs), never copied into the repo
// ---------------------------------------------------------------------------

const moduleDirCache = new Map<string, string>();

/** `Dir` of a module in the Go module cache, at the version the wrapper module `wrapper` requires. */
export async function goModuleDir(wrapper: 'kwok' | 'argo' | 'k8s' | 'etcd', modulePath: string): Promise<string> {
	const cacheKey = `${wrapper} ${modulePath}`;
	const cached = moduleDirCache.get(cacheKey);
	if (cached) return cached;
	try {
		const {stdout} = await execFileP('go', ['mod', 'download', '-json', modulePath], {
			cwd: path.join(here, wrapper),
			env: {...process.env, GOTOOLCHAIN: 'local'},
			maxBuffer: 1 << 20,
		});
		const info = JSON.parse(stdout) as {Dir?: string; Error?: string};
		if (!info.Dir) throw new Error(info.Error ?? 'no Dir in go mod download output');
		moduleDirCache.set(cacheKey, info.Dir);
		return info.Dir;
	} catch (error) {
		const e = error as {stderr?: string; stdout?: string; message: string};
		throw new ClusterError(`go mod download -json ${modulePath} (in test/cluster/${wrapper}) failed: ${e.stderr || e.stdout || e.message}`);
	}
}

const kwokStages = [
	'node/fast/node-initialize.yaml',
	'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
	'pod/fast/pod-ready.yaml',
	'pod/fast/pod-complete.yaml',
	'pod/fast/pod-delete.yaml',
];

async function writeKwokConfig(paths: ClusterPaths): Promise<void> {
	const dir = await goModuleDir('kwok', 'sigs.k8s.io/kwok');
	const docs = await Promise.all(
		kwokStages.map(async (stage) => {
			const text = await fsp.readFile(path.join(dir, 'kustomize', 'stage', stage), 'utf8');
			return text.replace(/^---\s*\n/, '').trimEnd();
		}),
	);
	await fsp.writeFile(paths.kwokConfig, docs.join('\n---\n') + '\n');
}

const argoCrdFiles = [
	'rollout-crd.yaml',
	'analysis-run-crd.yaml',
	'analysis-template-crd.yaml',
	'cluster-analysis-template-crd.yaml',
	'experiment-crd.yaml',
];

// ---------------------------------------------------------------------------
// Components: command lines and readiness
// ---------------------------------------------------------------------------

interface Context {
	paths: ClusterPaths;
	ports: ClusterPorts;
	state: ClusterState;
}

function componentArgs(component: ComponentName, {paths, ports, state}: Context): string[] {
	const pki = (file: string) => path.join(paths.pkiDir, file);
	const kc = paths.kubeconfig;
	switch (component) {
		case 'etcd':
			return [
				'--name=node0',
				`--data-dir=${paths.etcdDataDir}`,
				`--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
				`--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
				`--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
				`--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
				`--initial-cluster=node0=http://127.0.0.1:${ports.etcdPeer}`,
				'--auto-compaction-retention=1',
				'--quota-backend-bytes=8589934592',
				'--unsafe-no-fsync',
			];
		case 'kube-apiserver':
			return [
				`--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
				'--etcd-prefix=/registry',
				'--allow-privileged=true',
				'--endpoint-reconciler-type=none',
				'--advertise-address=127.0.0.1',
				'--bind-address=127.0.0.1',
				`--secure-port=${ports.apiserver}`,
				'--service-cluster-ip-range=10.96.0.0/16',
				'--authorization-mode=Node,RBAC',
				...(state.watchCache ? [] : ['--watch-cache=false']),
				`--tls-cert-file=${pki('admin.crt')}`,
				`--tls-private-key-file=${pki('admin.key')}`,
				`--client-ca-file=${pki('ca.crt')}`,
				`--service-account-key-file=${pki('sa.pub')}`,
				`--service-account-signing-key-file=${pki('sa.key')}`,
				'--service-account-issuer=https://kubernetes.default.svc.cluster.local',
				`--proxy-client-cert-file=${pki('admin.crt')}`,
				`--proxy-client-key-file=${pki('admin.key')}`,
				`--requestheader-client-ca-file=${pki('ca.crt')}`,
				'--requestheader-allowed-names=kwok-admin',
				'--requestheader-username-headers=X-Remote-User',
				'--requestheader-group-headers=X-Remote-Group',
				'--requestheader-extra-headers-prefix=X-Remote-Extra-',
			];
		case 'kube-controller-manager':
			return [
				`--kubeconfig=${kc}`,
				'--bind-address=127.0.0.1',
				`--secure-port=${ports.controllerManager}`,
				'--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
				`--root-ca-file=${pki('ca.crt')}`,
				`--service-account-private-key-file=${pki('sa.key')}`,
				'--node-monitor-period=5s',
				'--node-monitor-grace-period=40s',
				'--leader-elect=false',
			];
		case 'kube-scheduler':
			return [
				`--kubeconfig=${kc}`,
				'--bind-address=127.0.0.1',
				`--secure-port=${ports.scheduler}`,
				'--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
				'--leader-elect=false',
			];
		case 'kwok':
			return [
				`--kubeconfig=${kc}`,
				`--config=${paths.kwokConfig}`,
				'--manage-all-nodes=true',
				'--node-lease-duration-seconds=40',
				'--cidr=10.244.0.0/16',
				'--node-ip=10.240.0.1',
				'--node-name=localhost',
				`--node-port=${ports.kwok}`,
				`--server-address=127.0.0.1:${ports.kwok}`,
				`--tls-cert-file=${pki('admin.crt')}`,
				`--tls-private-key-file=${pki('admin.key')}`,
			];
		case 'rollouts-controller':
			return [
				`--kubeconfig=${kc}`,
				'--leader-elect=false',
				`--healthzPort=${ports.rolloutsHealthz}`,
				`--metricsPort=${ports.rolloutsMetrics}`,
				'--loglevel=info',
			];
	}
}

function componentPort(component: ComponentName, ports: ClusterPorts): number {
	switch (component) {
		case 'etcd':
			return ports.etcdClient;
		case 'kube-apiserver':
			return ports.apiserver;
		case 'kube-controller-manager':
			return ports.controllerManager;
		case 'kube-scheduler':
			return ports.scheduler;
		case 'kwok':
			return ports.kwok;
		case 'rollouts-controller':
			return ports.rolloutsHealthz;
	}
}

function componentEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	// Components get their configuration from flags only.
	for (const key of ['KUBECONFIG', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'POD_NAMESPACE', 'ETCDCTL_API']) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('ETCD_')) delete env[key];
	return env;
}

/** Starts one component detached; returns its pid and the log size before start (to scan new log output). */
async function spawnComponent(component: ComponentName, ctx: Context): Promise<{pid: number; logOffset: number}> {
	const {paths, state} = ctx;
	await fsp.mkdir(paths.logsDir, {recursive: true});
	await fsp.mkdir(paths.pidsDir, {recursive: true});
	const binary = state.binaries[component];
	if (!fs.existsSync(binary)) {
		throw new ClusterError(`${component}: binary ${binary} not found; run \`bash test/cluster/build.sh\` first`, component);
	}
	const logFile = path.join(paths.logsDir, `${component}.log`);
	// Debugging aid: ROLLOUTS_TUI_ARGS_KUBE_APISERVER="--v=4" etc. appends flags to one component.
	const extra = process.env[`ROLLOUTS_TUI_ARGS_${component.toUpperCase().replace(/-/g, '_')}`];
	const args = [...componentArgs(component, ctx), ...(extra ? extra.split(/\s+/).filter(Boolean) : [])];
	fs.appendFileSync(logFile, `\n===== ${new Date().toISOString()} starting ${component} =====\n`);
	const logOffset = fs.statSync(logFile).size;
	const fd = fs.openSync(logFile, 'a');
	try {
		const child = spawn(binary, args, {
			cwd: paths.stateDir,
			detached: true,
			stdio: ['ignore', fd, fd],
			env: componentEnv(),
		});
		const pid = child.pid;
		if (pid === undefined) {
			const spawnError = await new Promise<Error | undefined>((resolve) => {
				child.once('error', resolve);
				setTimeout(() => resolve(undefined), 200);
			});
			throw failure(component, `failed to start: ${spawnError?.message ?? 'no pid'}`, paths);
		}
		child.on('error', () => {});
		child.unref();
		fs.writeFileSync(pidFile(component, paths), `${pid}\n`);
		return {pid, logOffset};
	} finally {
		fs.closeSync(fd);
	}
}

interface WaitOptions {
	timeoutMs: number;
	intervalMs?: number;
	what: string;
}

/**
 * Polls `check` until it returns true; fails early when the component's process
 * dies, and on timeout; both errors include the tail of the component's log.
 */
async function waitComponent(
	component: ComponentName,
	pid: number | undefined,
	ctx: Context,
	check: () => Promise<boolean>,
	{timeoutMs, intervalMs = 250, what}: WaitOptions,
): Promise<void> {
	const started = Date.now();
	let lastError = '';
	for (;;) {
		if (pid !== undefined && !isOurProcess(pid, component)) {
			throw failure(component, `process ${pid} exited while waiting for ${what}`, ctx.paths);
		}
		try {
			if (await check()) return;
		} catch (error) {
			lastError = errorText(error);
		}
		if (Date.now() - started > timeoutMs) {
			throw failure(component, `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`, ctx.paths);
		}
		await sleep(intervalMs);
	}
}

function adminTls(paths: ClusterPaths): ProbeOptions {
	return {
		ca: fs.readFileSync(path.join(paths.pkiDir, 'ca.crt')),
		cert: fs.readFileSync(path.join(paths.pkiDir, 'admin.crt')),
		key: fs.readFileSync(path.join(paths.pkiDir, 'admin.key')),
	};
}

async function apiserverReady(paths: ClusterPaths, ports: ClusterPorts): Promise<boolean> {
	try {
		const response = await httpGet(`https://127.0.0.1:${ports.apiserver}/readyz`, adminTls(paths));
		return response.status === 200;
	} catch {
		return false;
	}
}

function logSince(component: ComponentName, offset: number, paths: ClusterPaths): string {
	const file = path.join(paths.logsDir, `${component}.log`);
	try {
		const size = fs.statSync(file).size;
		if (size <= offset) return '';
		const fd = fs.openSync(file, 'r');
		try {
			const buffer = Buffer.alloc(size - offset);
			fs.readSync(fd, buffer, 0, buffer.length, offset);
			return buffer.toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

/** Waits until a freshly started component serves its health endpoint (and, for Argo, has synced its caches). */
async function waitReady(component: ComponentName, pid: number, logOffset: number, ctx: Context, timeoutMs?: number): Promise<void> {
	const {paths, ports} = ctx;
	switch (component) {
		case 'etcd':
			return waitComponent(component, pid, ctx, async () => {
				const response = await httpGet(`http://127.0.0.1:${ports.etcdClient}/health`);
				return response.status === 200 && response.body.includes('"health":"true"');
			}, {timeoutMs: timeoutMs ?? 60_000, what: 'GET /health'});
		case 'kube-apiserver':
			return waitComponent(component, pid, ctx, () => apiserverReady(paths, ports), {timeoutMs: timeoutMs ?? 180_000, what: 'GET /readyz'});
		case 'kube-controller-manager':
		case 'kube-scheduler':
		case 'kwok': {
			const port = componentPort(component, ports);
			return waitComponent(component, pid, ctx, async () => {
				const response = await httpGet(`https://127.0.0.1:${port}/healthz`, {insecure: true});
				return response.status === 200;
			}, {timeoutMs: timeoutMs ?? 120_000, what: 'GET /healthz'});
		}
		case 'rollouts-controller':
			await waitComponent(component, pid, ctx, async () => {
				const response = await httpGet(`http://127.0.0.1:${ports.rolloutsHealthz}/healthz`);
				return response.status === 200;
			}, {timeoutMs: timeoutMs ?? 120_000, what: 'GET /healthz'});
			// healthz answers before the informers have synced; "Started controller" follows the sync.
			return waitComponent(component, pid, ctx, async () => logSince(component, logOffset, paths).includes('Started controller'), {
				timeoutMs: timeoutMs ?? 120_000,
				what: 'the "Started controller" log line (informer caches synced)',
			});
	}
}

// ---------------------------------------------------------------------------
// Cluster objects
// ---------------------------------------------------------------------------

function adminKubeConfig(paths: ClusterPaths): k8s.KubeConfig {
	const kc = new k8s.KubeConfig();
	kc.loadFromFile(paths.kubeconfig);
	return kc;
}

async function createIgnoringConflict(what: string, create: () => Promise<unknown>): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			await create();
			return;
		} catch (error) {
			if (apiCode(error) === 409) return;
			// Right after /readyz some resources may still be settling; retry transient failures briefly.
			if (attempt < 20 && (apiCode(error) === undefined || (apiCode(error) ?? 0) >= 500 || apiCode(error) === 404)) {
				await sleep(500);
				continue;
			}
			throw new ClusterError(`creating ${what} failed: ${errorText(error)}`);
		}
	}
}

function nodeNames(count: number): string[] {
	return Array.from({length: count}, (_, i) => `kwok-node-${i + 1}`);
}

async function createNodes(kc: k8s.KubeConfig, names: string[]): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	await Promise.all(
		names.map((name, i) => {
			const resources = {cpu: '32', memory: '256Gi', pods: '110'};
			const node: k8s.V1Node = {
				apiVersion: 'v1',
				kind: 'Node',
				metadata: {
					name,
					labels: {
						'kubernetes.io/hostname': name,
						'kubernetes.io/os': 'linux',
						'kubernetes.io/arch': 'amd64',
						'node-role.kubernetes.io/agent': '',
						type: 'kwok',
					},
					annotations: {'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0'},
				},
				spec: {podCIDR: `10.244.${i + 1}.0/24`, podCIDRs: [`10.244.${i + 1}.0/24`]},
				status: {
					allocatable: resources,
					capacity: resources,
					addresses: [
						{type: 'InternalIP', address: `10.240.0.${i + 1}`},
						{type: 'Hostname', address: name},
					],
					nodeInfo: {
						architecture: 'amd64',
						operatingSystem: 'linux',
						kubeletVersion: 'v1.36.3-kwok',
						kubeProxyVersion: '',
						containerRuntimeVersion: 'kwok',
						kernelVersion: '',
						osImage: 'kwok',
						bootID: '',
						machineID: '',
						systemUUID: '',
					},
				},
			};
			return createIgnoringConflict(`Node ${name}`, () => core.createNode({body: node}));
		}),
	);
}

async function nodesReady(kc: k8s.KubeConfig, names: string[]): Promise<boolean> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const list = await core.listNode();
	return names.every((name) => {
		const node = list.items.find((n) => n.metadata?.name === name);
		return node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
	});
}

/**
 * POSTs a raw JSON body with the admin certificate. Used for the CRDs: client-node's
 * typed serializer would drop the `x-kubernetes-*` schema keys of a plain object.
 */
function apiPost(paths: ClusterPaths, ports: ClusterPorts, urlPath: string, body: string): Promise<{status: number; body: string}> {
	const tls = adminTls(paths);
	return new Promise((resolve, reject) => {
		const request = https.request(
			{
				host: '127.0.0.1',
				port: ports.apiserver,
				path: urlPath,
				method: 'POST',
				headers: {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)},
				ca: tls.ca,
				cert: tls.cert,
				key: tls.key,
				timeout: 30_000,
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => resolve({status: response.statusCode ?? 0, body: text}));
			},
		);
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', reject);
		request.end(body);
	});
}

async function installArgoCrds(paths: ClusterPaths, ports: ClusterPorts): Promise<string[]> {
	const dir = await goModuleDir('argo', 'github.com/argoproj/argo-rollouts');
	const names: string[] = [];
	for (const file of argoCrdFiles) {
		const text = await fsp.readFile(path.join(dir, 'manifests', 'crds', file), 'utf8');
		const crd = yaml.load(text, {schema: yaml.CORE_SCHEMA}) as {metadata: {name: string}};
		names.push(crd.metadata.name);
		// Too large for client-side apply's last-applied annotation: plain create.
		const body = JSON.stringify(crd);
		for (let attempt = 0; ; attempt++) {
			let result: {status: number; body: string};
			try {
				result = await apiPost(paths, ports, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body);
			} catch (error) {
				result = {status: 0, body: errorText(error)};
			}
			if (result.status === 201 || result.status === 200 || result.status === 409) break;
			if (attempt < 20 && (result.status === 0 || result.status >= 500)) {
				await sleep(500);
				continue;
			}
			throw new ClusterError(`creating CRD ${crd.metadata.name} failed: HTTP ${result.status}: ${result.body.slice(0, 500)}`);
		}
	}
	return names;
}

async function crdsEstablished(kc: k8s.KubeConfig, names: string[]): Promise<boolean> {
	const api = kc.makeApiClient(k8s.ApiextensionsV1Api);
	for (const name of names) {
		const crd = await api.readCustomResourceDefinition({name});
		if (!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return false;
	}
	return true;
}

async function createArgoNamespace(kc: k8s.KubeConfig): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	await createIgnoringConflict('Namespace argo-rollouts', () =>
		core.createNamespace({body: {metadata: {name: 'argo-rollouts'}}}),
	);
	await createIgnoringConflict('ConfigMap argo-rollouts-notification-configmap', () =>
		core.createNamespacedConfigMap({
			namespace: 'argo-rollouts',
			body: {metadata: {name: 'argo-rollouts-notification-configmap'}, data: {}},
		}),
	);
}

/** Read-only RBAC for the `rollouts-viewer` user (see kubeconfig-readonly). */
async function createReadonlyRbac(kc: k8s.KubeConfig): Promise<void> {
	const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
	const verbs = ['get', 'list', 'watch'];
	await createIgnoringConflict('ClusterRole rollouts-viewer', () =>
		rbac.createClusterRole({
			body: {
				metadata: {name: 'rollouts-viewer'},
				rules: [
					{apiGroups: ['argoproj.io'], resources: ['rollouts', 'analysisruns', 'experiments'], verbs},
					{apiGroups: ['apps'], resources: ['replicasets'], verbs},
					{apiGroups: [''], resources: ['pods', 'services'], verbs},
					{apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs},
				],
			},
		}),
	);
	await createIgnoringConflict('ClusterRoleBinding rollouts-viewer', () =>
		rbac.createClusterRoleBinding({
			body: {
				metadata: {name: 'rollouts-viewer'},
				roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rollouts-viewer'},
				subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'rollouts-viewer'}],
			},
		}),
	);
}

/** Waits for the namespace's `default` ServiceAccount (pods are rejected by admission until it exists). */
export async function waitForDefaultServiceAccount(kc: k8s.KubeConfig, namespace: string, timeoutMs = 60_000): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		try {
			await core.readNamespacedServiceAccount({name: 'default', namespace});
			return;
		} catch (error) {
			last = errorText(error);
		}
		await sleep(200);
	}
	const paths = clusterPaths();
	throw failure('kube-controller-manager', `timed out waiting for ServiceAccount ${namespace}/default (${last})`, paths);
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function resolveBinaries(binDir: string): Record<ComponentName, string> {
	const result = {} as Record<ComponentName, string>;
	const missing: string[] = [];
	for (const component of COMPONENTS) {
		const candidate = path.join(binDir, binaryNames[component]);
		try {
			result[component] = fs.realpathSync(candidate);
		} catch {
			missing.push(candidate);
		}
	}
	if (missing.length > 0) {
		throw new ClusterError(`missing binaries: ${missing.join(', ')}; run \`bash test/cluster/build.sh\` (or \`npm run cluster:build\`)`);
	}
	return result;
}

/** Status of every component and of the apiserver (no lock; cheap). */
export async function status(paths = clusterPaths()): Promise<ClusterStatus> {
	const ports = readPortsSync(paths);
	const state = readStateSync(paths);
	const components = COMPONENTS.map((name): ComponentStatus => {
		const {pid, running} = componentRunning(name, paths);
		return {name, pid, running, port: ports ? componentPort(name, ports) : undefined, log: path.join(paths.logsDir, `${name}.log`)};
	});
	const apiserverIsReady = ports !== undefined && fs.existsSync(paths.pkiDir) ? await apiserverReady(paths, ports) : false;
	return {
		healthy: apiserverIsReady && components.every((c) => c.running),
		apiserverReady: apiserverIsReady,
		components,
		paths,
		ports,
		state,
	};
}

/** Stops whatever this launcher recorded (reverse order) and removes all state except logs/. */
async function stopAllAndClean(paths: ClusterPaths): Promise<void> {
	for (const component of [...COMPONENTS].reverse()) {
		await stopProcess(component, paths);
	}
	let entries: string[] = [];
	try {
		entries = await fsp.readdir(paths.stateDir);
	} catch {
		return;
	}
	for (const entry of entries) {
		if (entry === 'logs' || entry === '.lock' || entry === 'users') continue;
		await fsp.rm(path.join(paths.stateDir, entry), {recursive: true, force: true});
	}
}

/**
 * Brings the cluster up, or reuses it when every component runs and the apiserver
 * is ready. A partially running cluster is stopped and started afresh.
 */
export async function up(options: UpOptions = {}): Promise<UpResult> {
	const paths = clusterPaths();
	const log = options.log ?? (() => {});
	const t0 = Date.now();
	let partialSince: number | undefined;
	let announced = false;
	for (;;) {
		// Waiting happens outside the lock: whoever stopped a component needs it to start it again.
		const outcome = await withLock(paths, async (): Promise<UpResult | 'wait'> => {
			const current = await status(paths);
			if (current.healthy && current.ports && current.state) {
				// An explicit `cluster:up` takes ownership so a test run will not stop it.
				if (options.owner === 'cli' && current.state.owner !== 'cli') {
					current.state.owner = 'cli';
					await fsp.writeFile(paths.stateFile, JSON.stringify(current.state, null, '\t'));
				}
				return {reused: true, paths, ports: current.ports, state: current.state, elapsedMs: Date.now() - t0};
			}
			const running = current.components.filter((c) => c.running);
			if (running.length > 0) {
				// Another process may be restarting a component (e.g. a resilience test on a shared
				// cluster): wait for it rather than tearing the cluster down under its feet.
				partialSince ??= Date.now();
				const stopped = current.components.filter((c) => !c.running).map((c) => c.name);
				const deliberate = stopped.every((name) => stoppedByLiveProcess(name, paths));
				if (Date.now() - partialSince < (deliberate ? 120_000 : 10_000)) return 'wait';
				log(`found a partial cluster (${stopped.join(', ')} not running); stopping it`);
				await stopAllAndClean(paths);
			} else if (fs.existsSync(paths.portsFile)) {
				log('found a stale cluster; cleaning it up');
				await stopAllAndClean(paths);
			}
			try {
				return await startFresh(paths, options, log, t0);
			} catch (error) {
				// Leave nothing half-running behind; logs stay for debugging.
				await stopAllAndClean(paths).catch(() => {});
				throw error;
			}
		});
		if (outcome !== 'wait') return outcome;
		if (!announced) log('cluster partially running (a component is being restarted?); waiting');
		announced = true;
		await sleep(500);
	}
}

function stoppedMarker(component: ComponentName, paths: ClusterPaths): string {
	return path.join(paths.pidsDir, `${component}.stopped-by`);
}

/** True when stopComponent() stopped `component` on behalf of a process that still runs. */
function stoppedByLiveProcess(component: ComponentName, paths: ClusterPaths): boolean {
	try {
		const pid = Number.parseInt(fs.readFileSync(stoppedMarker(component, paths), 'utf8').trim(), 10);
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function startFresh(paths: ClusterPaths, options: UpOptions, log: (m: string) => void, t0: number): Promise<UpResult> {
	const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
	const binDir = options.binDir ?? defaultBinDir();
	const binaries = resolveBinaries(binDir);
	await fsp.mkdir(paths.stateDir, {recursive: true});
	await fsp.mkdir(paths.logsDir, {recursive: true});
	// Keep the previous cluster's logs one generation back.
	for (const component of COMPONENTS) {
		const file = path.join(paths.logsDir, `${component}.log`);
		if (fs.existsSync(file)) await fsp.rename(file, path.join(paths.logsDir, `${component}.prev.log`));
	}
	const ports = await allocatePorts();
	const nodes = nodeNames(options.nodes ?? 3);
	const state: ClusterState = {
		binDir,
		binaries,
		startedAt: new Date().toISOString(),
		owner: options.owner ?? 'cli',
		nodes,
		watchCache: options.watchCache ?? process.env.ROLLOUTS_TUI_WATCH_CACHE === '1',
	};
	await fsp.writeFile(paths.portsFile, JSON.stringify(ports, null, '\t'));
	await fsp.writeFile(paths.stateFile, JSON.stringify(state, null, '\t'));
	const ctx: Context = {paths, ports, state};

	await Promise.all([generatePki(paths.pkiDir), writeKwokConfig(paths), goModuleDir('argo', 'github.com/argoproj/argo-rollouts')]);
	await writeKubeconfigs(paths, ports);
	log(`certificates and configuration written (${elapsed()})`);

	const start = async (component: ComponentName) => {
		const {pid, logOffset} = await spawnComponent(component, ctx);
		return {component, pid, logOffset};
	};

	const etcd = await start('etcd');
	await waitReady('etcd', etcd.pid, etcd.logOffset, ctx);
	log(`etcd ready on 127.0.0.1:${ports.etcdClient} (${elapsed()})`);

	const apiserver = await start('kube-apiserver');
	await waitReady('kube-apiserver', apiserver.pid, apiserver.logOffset, ctx);
	log(`kube-apiserver ready on https://127.0.0.1:${ports.apiserver} (${elapsed()})`);

	const kc = adminKubeConfig(paths);
	const started = await Promise.all((['kube-controller-manager', 'kube-scheduler', 'kwok'] as const).map(start));

	const apiserverCtx = (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) =>
		waitComponent('kube-apiserver', apiserver.pid, ctx, check, {timeoutMs, what, intervalMs: 300});

	const crdsAndController = (async () => {
		const names = await installArgoCrds(paths, ports);
		await apiserverCtx('the Argo CRDs to be Established', () => crdsEstablished(kc, names));
		await createArgoNamespace(kc);
		log(`Argo Rollouts CRDs established (${elapsed()})`);
	})();
	const nodesUp = (async () => {
		await createNodes(kc, nodes);
		const kwok = started.find((s) => s.component === 'kwok')!;
		await waitComponent('kwok', kwok.pid, ctx, () => nodesReady(kc, nodes), {timeoutMs: 120_000, what: `nodes ${nodes.join(', ')} to be Ready`, intervalMs: 300});
		log(`${nodes.length} kwok nodes Ready (${elapsed()})`);
	})();
	const rbac = createReadonlyRbac(kc);
	const health = Promise.all(started.map((s) => waitReady(s.component, s.pid, s.logOffset, ctx))).then(() =>
		log(`kube-controller-manager, kube-scheduler and kwok healthy (${elapsed()})`),
	);
	await Promise.all([crdsAndController, nodesUp, rbac, health]);

	const controller = await start('rollouts-controller');
	const kcm = started.find((s) => s.component === 'kube-controller-manager')!;
	await Promise.all([
		waitReady('rollouts-controller', controller.pid, controller.logOffset, ctx),
		// Proves the controller manager works; pods in `default` need it (ServiceAccount admission).
		waitComponent('kube-controller-manager', kcm.pid, ctx, async () => {
			await kc.makeApiClient(k8s.CoreV1Api).readNamespacedServiceAccount({name: 'default', namespace: 'default'});
			return true;
		}, {timeoutMs: 60_000, what: 'ServiceAccount default/default'}),
	]);
	log(`Argo Rollouts controller ready (${elapsed()})`);
	return {reused: false, paths, ports, state, elapsedMs: Date.now() - t0};
}

/** Stops the processes this launcher started (SIGTERM in reverse order, then SIGKILL) and removes state except logs. */
export async function down(options: {log?: (message: string) => void} = {}): Promise<void> {
	const paths = clusterPaths();
	const log = options.log ?? (() => {});
	await withLock(paths, async () => {
		for (const component of [...COMPONENTS].reverse()) {
			const {running} = componentRunning(component, paths);
			await stopProcess(component, paths);
			if (running) log(`stopped ${component}`);
		}
		await stopAllAndClean(paths);
	});
}

function requireRunningState(paths: ClusterPaths): Context {
	const ports = readPortsSync(paths);
	const state = readStateSync(paths);
	if (!ports || !state || !fs.existsSync(paths.pkiDir)) {
		throw new ClusterError(`no cluster state in ${paths.stateDir}; run up() first`);
	}
	return {paths, ports, state};
}

export interface StopComponentOptions {
	/** Grace before SIGKILL (default 3 s for kube-apiserver, 10 s otherwise). */
	timeoutMs?: number;
	/** 'SIGKILL' simulates a crash (default 'SIGTERM'). */
	signal?: 'SIGTERM' | 'SIGKILL';
}

/** Stops one component; its data, certificates and port are kept for startComponent. */
export async function stopComponent(name: ComponentName, options: StopComponentOptions = {}): Promise<void> {
	const paths = clusterPaths();
	requireRunningState(paths);
	await withLock(paths, async () => {
		await stopProcess(name, paths, options.timeoutMs ?? stopGraceMs[name], options.signal ?? 'SIGTERM');
		await fsp.mkdir(paths.pidsDir, {recursive: true});
		await fsp.writeFile(stoppedMarker(name, paths), `${process.pid}\n`);
	});
}

/**
 * Starts one component again with the same binary, port and data, and waits until
 * it is healthy. No-op when it is already running.
 */
export async function startComponent(name: ComponentName, options: {timeoutMs?: number} = {}): Promise<void> {
	const paths = clusterPaths();
	const ctx = requireRunningState(paths);
	await withLock(paths, async () => {
		if (componentRunning(name, paths).running) {
			await fsp.rm(stoppedMarker(name, paths), {force: true});
			return;
		}
		const port = componentPort(name, ctx.ports);
		// The old process may have just released the port; give the kernel a moment.
		const host = name === 'rollouts-controller' ? '0.0.0.0' : '127.0.0.1';
		const deadline = Date.now() + 15_000;
		while (!(await portIsFree(port, host)) && Date.now() < deadline) await sleep(200);
		const {pid, logOffset} = await spawnComponent(name, ctx);
		await fsp.rm(stoppedMarker(name, paths), {force: true});
		await waitReady(name, pid, logOffset, ctx, options.timeoutMs);
	});
}

/**
 * Compacts etcd at its current revision, so that any watch resumed from an older
 * resourceVersion fails with 410 Gone (Expired) and its client must re-list. Use it
 * (e.g. while kube-apiserver is stopped) to exercise clients' relist paths.
 * Returns the compacted revision.
 */
export async function compactEtcd(): Promise<number> {
	const paths = clusterPaths();
	const {ports} = requireRunningState(paths);
	const post = (urlPath: string, body: unknown) =>
		new Promise<{status: number; body: string}>((resolve, reject) => {
			const data = JSON.stringify(body);
			const request = http.request(
				{host: '127.0.0.1', port: ports.etcdClient, path: urlPath, method: 'POST', headers: {'Content-Type': 'application/json'}, timeout: 10_000},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => (text += chunk));
					response.on('end', () => resolve({status: response.statusCode ?? 0, body: text}));
				},
			);
			request.on('timeout', () => request.destroy(new Error('timeout')));
			request.on('error', reject);
			request.end(data);
		});
	const range = await post('/v3/kv/range', {key: Buffer.from('/registry').toString('base64'), limit: 1});
	const revision = Number((JSON.parse(range.body) as {header?: {revision?: string}}).header?.revision);
	if (range.status !== 200 || !Number.isFinite(revision)) throw failure('etcd', `reading the current revision failed: HTTP ${range.status} ${range.body.slice(0, 200)}`, paths);
	const compacted = await post('/v3/kv/compaction', {revision, physical: true});
	if (compacted.status !== 200 && !compacted.body.includes('already been compacted')) {
		throw failure('etcd', `compaction at ${revision} failed: HTTP ${compacted.status} ${compacted.body.slice(0, 200)}`, paths);
	}
	return revision;
}

/** True when the cluster runs and is healthy. */
export async function isUp(): Promise<boolean> {
	return (await status()).healthy;
}

/**
 * Runs test/cluster/build.sh (cached per component) and returns the binaries
 * directory it prints on its last stdout line. Progress (stderr) goes to `onProgress`.
 */
export async function build(options: {onProgress?: (line: string) => void} = {}): Promise<string> {
	const script = path.join(here, 'build.sh');
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [script], {cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderrTail: string[] = [];
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		let partial = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			partial += chunk;
			const lines = partial.split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) {
				stderrTail = [...stderrTail.slice(-40), line];
				options.onProgress?.(line);
			}
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(new ClusterError(`build.sh failed with exit code ${code}:\n${[...stderrTail, partial].join('\n')}`));
				return;
			}
			const last = stdout.trim().split('\n').pop()?.trim();
			if (!last) reject(new ClusterError('build.sh printed no binaries directory'));
			else resolve(last);
		});
	});
}
