import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {UserError} from '../../source/errors.js';
import {loadKubeConfig, type KubeConfigEnvironment} from '../../source/kube/config.js';

const TOKEN = 'sekret-token-0123456789abcdefghijklmnopqrstuvwxyz';
const CERT_DATA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBsecretcertdata\n-----END CERTIFICATE-----\n').toString('base64');

let dir: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-config-'));
});
afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

function write(name: string, text: string): string {
	const file = path.join(dir, name);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, text);
	return file;
}

function kubeconfig(opts: {
	current?: string;
	contexts?: Array<{name: string; cluster: string; user?: string; namespace?: string}>;
	clusters?: Array<{name: string; server: string}>;
	users?: Array<{name: string}>;
}): string {
	const lines = ['apiVersion: v1', 'kind: Config'];
	if (opts.current) lines.push(`current-context: ${opts.current}`);
	lines.push('clusters:');
	for (const c of opts.clusters ?? []) {
		lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${c.server}`, `    certificate-authority-data: ${CERT_DATA}`);
	}
	lines.push('users:');
	for (const u of opts.users ?? []) {
		lines.push(`- name: ${u.name}`, '  user:', `    token: ${TOKEN}`, `    client-key-data: ${CERT_DATA}`);
	}
	lines.push('contexts:');
	for (const c of opts.contexts ?? []) {
		lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.cluster}`);
		if (c.user) lines.push(`    user: ${c.user}`);
		if (c.namespace) lines.push(`    namespace: ${c.namespace}`);
	}
	return lines.join('\n') + '\n';
}

/** An environment with nothing in it, so the real ~/.kube and KUBECONFIG never leak into tests. */
function env(vars: Record<string, string> = {}, home: string | null = null): KubeConfigEnvironment {
	return {env: vars, homeDir: home, serviceAccountDir: path.join(dir, 'no-service-account')};
}

function userError(fn: () => unknown): UserError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(UserError);
		const message = (error as UserError).message;
		expect(message).not.toContain('\n');
		expect(message).not.toContain(TOKEN);
		expect(message).not.toContain(CERT_DATA);
		expect(message).not.toContain('secretcertdata');
		return error as UserError;
	}
	throw new Error('expected a UserError');
}

const one = {
	current: 'dev',
	clusters: [{name: 'dev-cluster', server: 'https://dev.example:6443'}],
	users: [{name: 'dev-user'}],
	contexts: [{name: 'dev', cluster: 'dev-cluster', user: 'dev-user', namespace: 'shop'}],
};

describe('loadKubeConfig', () => {
	it('uses --kubeconfig, its current context and the context namespace', () => {
		const file = write('config', kubeconfig(one));
		const loaded = loadKubeConfig({kubeconfig: file}, env({KUBECONFIG: '/does/not/matter'}));
		expect(loaded.contextName).toBe('dev');
		expect(loaded.namespace).toBe('shop');
		expect(loaded.server).toBe('https://dev.example:6443');
		expect(loaded.user).toBe('dev-user');
		expect(loaded.kc.getCurrentCluster()?.server).toBe('https://dev.example:6443');
		expect(loaded.kc.getCurrentUser()?.token).toBe(TOKEN);
	});

	it('prefers the --namespace flag, and falls back to default', () => {
		const file = write('config', kubeconfig({...one, contexts: [{name: 'dev', cluster: 'dev-cluster', user: 'dev-user'}]}));
		expect(loadKubeConfig({kubeconfig: file}, env()).namespace).toBe('default');
		expect(loadKubeConfig({kubeconfig: file, namespace: 'other'}, env()).namespace).toBe('other');
	});

	it('merges several KUBECONFIG files; the first to define a name or a current context wins', () => {
		const a = write(
			'a.yaml',
			kubeconfig({
				current: 'alpha',
				clusters: [{name: 'shared', server: 'https://first.example'}],
				users: [{name: 'u'}],
				contexts: [{name: 'alpha', cluster: 'shared', user: 'u', namespace: 'from-a'}],
			}),
		);
		const b = write(
			'b.yaml',
			kubeconfig({
				current: 'beta',
				clusters: [
					{name: 'shared', server: 'https://second.example'},
					{name: 'only-b', server: 'https://b.example'},
				],
				users: [{name: 'u'}],
				contexts: [
					{name: 'alpha', cluster: 'only-b', user: 'u', namespace: 'from-b'},
					{name: 'beta', cluster: 'only-b', user: 'u'},
				],
			}),
		);
		const vars = {KUBECONFIG: [a, path.join(dir, 'missing.yaml'), b].join(path.delimiter)};

		const merged = loadKubeConfig({}, env(vars));
		expect(merged.contextName).toBe('alpha');
		expect(merged.server).toBe('https://first.example');
		expect(merged.namespace).toBe('from-a');

		const beta = loadKubeConfig({context: 'beta'}, env(vars));
		expect(beta.server).toBe('https://b.example');
		expect(beta.kc.getContexts().map((c) => c.name)).toEqual(['alpha', 'beta']);
	});

	it('takes the current context from a later file when the first sets none', () => {
		const a = write('a.yaml', kubeconfig({...one, current: undefined}));
		const b = write('b.yaml', 'current-context: dev\n');
		expect(loadKubeConfig({}, env({KUBECONFIG: `${a}${path.delimiter}${b}`})).contextName).toBe('dev');
	});

	it('falls back to ~/.kube/config', () => {
		write('home/.kube/config', kubeconfig(one));
		expect(loadKubeConfig({}, env({}, path.join(dir, 'home'))).contextName).toBe('dev');
	});

	it('resolves relative certificate paths against the kubeconfig folder', () => {
		write('certs/ca.crt', 'not really a cert');
		const file = write(
			'sub/config',
			[
				'current-context: c',
				'clusters: [{name: k, cluster: {server: "https://x", certificate-authority: ../certs/ca.crt}}]',
				'users: [{name: u, user: {token: abc}}]',
				'contexts: [{name: c, context: {cluster: k, user: u}}]',
			].join('\n'),
		);
		const loaded = loadKubeConfig({kubeconfig: file}, env());
		expect(loaded.kc.getCurrentCluster()?.caFile).toBe(path.join(dir, 'certs/ca.crt'));
	});

	it('overrides the current context with --context', () => {
		const file = write(
			'config',
			kubeconfig({...one, contexts: [...one.contexts, {name: 'prod', cluster: 'dev-cluster', user: 'dev-user', namespace: 'live'}]}),
		);
		const loaded = loadKubeConfig({kubeconfig: file, context: 'prod'}, env());
		expect(loaded.contextName).toBe('prod');
		expect(loaded.namespace).toBe('live');
		expect(loaded.kc.getCurrentContext()).toBe('prod');
	});

	it('names the available contexts when --context is unknown', () => {
		const file = write(
			'config',
			kubeconfig({...one, contexts: [...one.contexts, {name: 'prod', cluster: 'dev-cluster', user: 'dev-user'}]}),
		);
		expect(userError(() => loadKubeConfig({kubeconfig: file, context: 'foo'}, env())).message).toBe(
			'context "foo" not found in kubeconfig (available: dev, prod)',
		);
	});

	it('asks for --context when no current context is set', () => {
		const file = write('config', kubeconfig({...one, current: undefined}));
		expect(userError(() => loadKubeConfig({kubeconfig: file}, env())).message).toBe(
			'no context set in kubeconfig; use --context',
		);
	});

	it('reports a missing --kubeconfig file', () => {
		const file = path.join(dir, 'nope');
		expect(userError(() => loadKubeConfig({kubeconfig: file}, env())).message).toBe(`kubeconfig ${file}: no such file`);
	});

	it('reports a KUBECONFIG that names no existing file', () => {
		const file = path.join(dir, 'nope');
		expect(userError(() => loadKubeConfig({}, env({KUBECONFIG: file}))).message).toContain(`kubeconfig ${file}: no such file`);
	});

	it('reports a directory given as kubeconfig', () => {
		expect(userError(() => loadKubeConfig({kubeconfig: dir}, env())).message).toBe(
			`kubeconfig ${dir}: is a directory, not a file`,
		);
	});

	it('reports malformed YAML with the line but without quoting the file', () => {
		const file = write('config', `${kubeconfig(one)}users:\n  - name: x\n   token: ${TOKEN}\n  bad: [\n`);
		const error = userError(() => loadKubeConfig({kubeconfig: file}, env()));
		expect(error.message).toMatch(new RegExp(`^kubeconfig ${file}: not valid YAML \\(line \\d+, column \\d+: .+\\)$`));
	});

	it('reports a file that is not a kubeconfig mapping', () => {
		const file = write('config', '- just\n- a list\n');
		expect(userError(() => loadKubeConfig({kubeconfig: file}, env())).message).toContain('not a kubeconfig');
		const badList = write('config2', 'clusters: 12\n');
		expect(userError(() => loadKubeConfig({kubeconfig: badList}, env())).message).toBe(
			`kubeconfig ${badList}: "clusters" must be a list`,
		);
	});

	it('reports a context that points at a missing cluster or user', () => {
		const noCluster = write('a', kubeconfig({...one, clusters: []}));
		expect(userError(() => loadKubeConfig({kubeconfig: noCluster}, env())).message).toBe(
			'context "dev" refers to cluster "dev-cluster", which is not in kubeconfig',
		);
		const noUser = write('b', kubeconfig({...one, users: []}));
		expect(userError(() => loadKubeConfig({kubeconfig: noUser}, env())).message).toBe(
			'context "dev" refers to user "dev-user", which is not in kubeconfig',
		);
	});

	it('reports a certificate file named in kubeconfig that does not exist', () => {
		const file = write(
			'config',
			[
				'current-context: c',
				'clusters: [{name: k, cluster: {server: "https://x"}}]',
				`users: [{name: u, user: {client-certificate: missing.crt, token: ${TOKEN}}}]`,
				'contexts: [{name: c, context: {cluster: k, user: u}}]',
			].join('\n'),
		);
		expect(userError(() => loadKubeConfig({kubeconfig: file}, env())).message).toBe(
			`kubeconfig: user "u" client-certificate ${path.join(dir, 'missing.crt')}: no such file`,
		);
	});

	it('ignores broken entries that the chosen context does not use', () => {
		const file = write(
			'config',
			[
				'current-context: c',
				'clusters: [{name: k, cluster: {server: "https://x"}}, {name: broken, cluster: {}}]',
				'users: [{name: u, user: {token: abc}}, {name: gone, user: {token-file: /nonexistent/token}}]',
				'contexts: [{name: c, context: {cluster: k, user: u}}]',
			].join('\n'),
		);
		expect(loadKubeConfig({kubeconfig: file}, env()).server).toBe('https://x');
	});

	it('reports a cluster without a server', () => {
		const file = write(
			'config',
			['current-context: c', 'clusters: [{name: k, cluster: {}}]', 'contexts: [{name: c, context: {cluster: k}}]'].join('\n'),
		);
		expect(userError(() => loadKubeConfig({kubeconfig: file}, env())).message).toBe(
			`cluster "k" has no server in kubeconfig ${file}`,
		);
	});

	it('uses the in-cluster service account when there is no kubeconfig', () => {
		const sa = path.join(dir, 'sa');
		write('sa/token', TOKEN);
		write('sa/ca.crt', 'ca');
		write('sa/namespace', 'argo-shop\n');
		const loaded = loadKubeConfig(
			{},
			{env: {KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443'}, homeDir: null, serviceAccountDir: sa},
		);
		expect(loaded.server).toBe('https://10.0.0.1:443');
		expect(loaded.namespace).toBe('argo-shop');
		expect(loaded.kc.getCurrentCluster()?.caFile).toBe(path.join(sa, 'ca.crt'));
	});

	it('falls back to the service account when the KUBECONFIG files do not exist', () => {
		const sa = path.join(dir, 'sa');
		write('sa/token', TOKEN);
		const loaded = loadKubeConfig(
			{},
			{env: {KUBECONFIG: path.join(dir, 'gone'), KUBERNETES_SERVICE_HOST: 'fd00::1'}, homeDir: null, serviceAccountDir: sa},
		);
		expect(loaded.server).toBe('https://[fd00::1]:443');
		expect(loaded.namespace).toBe('default');
	});

	it('explains what to do when there is no kubeconfig and no cluster', () => {
		expect(userError(() => loadKubeConfig({}, env())).message).toContain('no kubeconfig found');
	});
});
