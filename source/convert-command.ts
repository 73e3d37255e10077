// `rollouts-tui convert DEPLOYMENT --active-service SVC [--preview-service SVC] [--workload-ref] [--name NAME]`:
// reads the Deployment and the Services, prints the Rollout as YAML. Writes nothing.
import {CoreV1Api, CustomObjectsApi, type KubeConfig} from '@kubernetes/client-node';
import YAML from 'yaml';
import {describeFailure} from './actions/failure.js';
import {kindInfo} from './domain/kinds.js';
import {toDeployment, toService} from './domain/normalise.js';
import {UserError} from './errors.js';
import {convertProblem, reviewNotes, rolloutManifest} from './convert-manifest.js';
import {jsonForTerminal} from './terminal/sanitize.js';

interface ConvertArgs {
	name: string;
	values: {'active-service'?: string; 'preview-service'?: string; 'workload-ref'?: boolean; name?: string};
}

export async function runConvert(args: ConvertArgs, kc: KubeConfig, namespace: string): Promise<string> {
	const active = args.values['active-service'];
	if (!active) throw new UserError('convert needs --active-service SVC (the Service that gets live traffic)', 2);
	const server = kc.getCurrentCluster()?.server;
	const kind = kindInfo('deployments');
	const custom = kc.makeApiClient(CustomObjectsApi);
	const core = kc.makeApiClient(CoreV1Api);
	let raw: unknown;
	try {
		raw = await custom.getNamespacedCustomObject({group: kind.group, version: kind.version, plural: kind.resource, namespace, name: args.name});
	} catch (error) {
		throw new UserError(describeFailure(error, {verb: 'get', resource: 'deployments', namespace, name: args.name, server}).message);
	}
	const service = async (name: string) => {
		try {
			return toService(await core.readNamespacedService({name, namespace}));
		} catch (error) {
			throw new UserError(describeFailure(error, {verb: 'get', resource: 'services', namespace, name, server}).message);
		}
	};
	const preview = args.values['preview-service'];
	const opts = {
		activeService: await service(active),
		...(preview ? {previewService: await service(preview)} : {}),
		workloadRef: args.values['workload-ref'] === true,
		...(args.values.name ? {name: args.values.name} : {}),
	};
	const d = toDeployment(raw);
	const problem = convertProblem(d, opts);
	if (problem) throw new UserError(problem);
	const comment = reviewNotes(d, opts).map((line) => `# ${line}`).join('\n');
	// YAML of cluster text: quoted where needed by the library; controls escaped for the terminal.
	return jsonForTerminal(`${comment}\n${YAML.stringify(rolloutManifest(d, opts), {lineWidth: 0})}`);
}
