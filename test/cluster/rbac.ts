/** RBAC of the read-only user `rollouts-viewer` (its certificate and kubeconfig come from pki.ts). */
import * as k8s from '@kubernetes/client-node';
import {createIgnoringConflict} from './kube.js';

/** Read-only RBAC for the `rollouts-viewer` user (see kubeconfig-readonly). */
export async function createReadonlyRbac(kc: k8s.KubeConfig): Promise<void> {
	const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
	const verbs = ['get', 'list', 'watch'];
	const role: k8s.V1ClusterRole = {
		metadata: {name: 'rollouts-viewer'},
		rules: [
			{apiGroups: ['argoproj.io'], resources: ['rollouts', 'analysisruns', 'experiments'], verbs},
			{apiGroups: ['apps'], resources: ['replicasets', 'deployments'], verbs},
			{apiGroups: [''], resources: ['pods', 'services'], verbs},
			{apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs},
			{apiGroups: ['events.k8s.io', ''], resources: ['events'], verbs},
		],
	};
	// Replaced when it exists: a cluster whose etcd outlived an older role gets the current rules.
	await createIgnoringConflict('ClusterRole rollouts-viewer', async () => {
		try {
			await rbac.createClusterRole({body: role});
		} catch (error) {
			if (!(error instanceof k8s.ApiException && error.code === 409)) throw error;
			await rbac.replaceClusterRole({name: 'rollouts-viewer', body: role});
		}
	});
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
