/**
 * Certificates made with openssl (a CA, the admin and read-only client certificates,
 * the service-account key) and the two kubeconfigs that use them.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import yaml from 'js-yaml';
import type {TlsOptions} from './net.js';
import type {ClusterPaths, ClusterPorts} from './paths.js';
import {ClusterError} from './util.js';

const execFileP = promisify(execFile);

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
export async function generatePki(pkiDir: string): Promise<void> {
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

export async function writeKubeconfigs(paths: ClusterPaths, ports: ClusterPorts): Promise<void> {
	const server = `https://127.0.0.1:${ports.apiserver}`;
	await fsp.writeFile(paths.kubeconfig, kubeconfigYaml(server, paths.pkiDir, 'kwok-admin', 'admin', 'rollouts-tui'), {mode: 0o600});
	await fsp.writeFile(
		paths.kubeconfigReadonly,
		kubeconfigYaml(server, paths.pkiDir, 'rollouts-viewer', 'readonly', 'rollouts-tui-readonly'),
		{mode: 0o600},
	);
}

/** The admin client certificate, and the CA to verify kube-apiserver with. */
export function adminTls(paths: ClusterPaths): TlsOptions {
	return {
		ca: fs.readFileSync(path.join(paths.pkiDir, 'ca.crt')),
		cert: fs.readFileSync(path.join(paths.pkiDir, 'admin.crt')),
		key: fs.readFileSync(path.join(paths.pkiDir, 'admin.key')),
	};
}
