/** The Argo Rollouts CRDs (from the Go module cache) and the controller's namespace. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import * as k8s from '@kubernetes/client-node';
import {goModuleDir} from './gomod.js';
import {createIgnoringConflict} from './kube.js';
import {httpRequest} from './net.js';
import type {ClusterPaths, ClusterPorts} from './paths.js';
import {adminTls} from './pki.js';
import {ClusterError, errorText, sleep} from './util.js';

const argoCrdFiles = [
	'rollout-crd.yaml',
	'analysis-run-crd.yaml',
	'analysis-template-crd.yaml',
	'cluster-analysis-template-crd.yaml',
	'experiment-crd.yaml',
];

/**
 * POSTs a raw JSON body with the admin certificate. Used for the CRDs: client-node's
 * typed serializer would drop the `x-kubernetes-*` schema keys of a plain object.
 */
function apiPost(paths: ClusterPaths, ports: ClusterPorts, urlPath: string, body: string): Promise<{status: number; body: string}> {
	return httpRequest(`https://127.0.0.1:${ports.apiserver}${urlPath}`, {body, tls: adminTls(paths), timeoutMs: 30_000});
}

/** Creates the Argo Rollouts CRDs from the argo-rollouts module; returns their names. */
export async function installArgoCrds(paths: ClusterPaths, ports: ClusterPorts): Promise<string[]> {
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

export async function crdsEstablished(kc: k8s.KubeConfig, names: string[]): Promise<boolean> {
	const api = kc.makeApiClient(k8s.ApiextensionsV1Api);
	for (const name of names) {
		const crd = await api.readCustomResourceDefinition({name});
		if (!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return false;
	}
	return true;
}

/** The controller's namespace and the notification ConfigMap it expects. */
export async function createArgoNamespace(kc: k8s.KubeConfig): Promise<void> {
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
