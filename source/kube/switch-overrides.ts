// --switches FILE: families of hand-made blue-green the detection rule misses,
// declared by hand (nothing is written to the cluster). The file:
//   switches:
//     - namespace: shop
//       ingress: demo-ingress
//       host: bluegreen.demo          # optional: every host of the Ingress
//       sides:
//         - {service: blue-service, deployment: blue}
//         - {service: green-service, deployment: green}
import fs from 'node:fs';
import yaml from 'js-yaml';
import {UserError} from '../errors.js';
import {dict, isDict, list, str} from '../domain/read.js';
import type {SwitchOverride} from '../model/ingress-switch.js';
import {fileErrorWords, yamlErrorWhere} from './parse-errors.js';

/** The overrides in `text`; `where` names the file in errors. Throws UserError with one line. */
export function parseSwitchOverrides(text: string, where: string): SwitchOverride[] {
	let doc: unknown;
	try {
		doc = yaml.load(text, {schema: yaml.CORE_SCHEMA});
	} catch (error) {
		throw new UserError(`--switches ${where}: not valid YAML (${yamlErrorWhere(error)})`);
	}
	const items = dict(doc)['switches'];
	if (!Array.isArray(items)) throw new UserError(`--switches ${where}: expected a top-level "switches:" list`);
	return items.map((item, i) => overrideOf(item, `--switches ${where}: switches[${i}]`));
}

function overrideOf(item: unknown, at: string): SwitchOverride {
	if (!isDict(item)) throw new UserError(`${at} is not a mapping`);
	const namespace = str(item['namespace']);
	const ingress = str(item['ingress']);
	if (!namespace || !ingress) throw new UserError(`${at} needs namespace and ingress`);
	const sides = list(item['sides']).map((s, j) => {
		const service = str(dict(s)['service']);
		const deployment = str(dict(s)['deployment']);
		if (!service || !deployment) throw new UserError(`${at}.sides[${j}] needs service and deployment`);
		return {service, deployment};
	});
	if (sides.length < 2) throw new UserError(`${at} needs at least two sides`);
	const host = item['host'];
	if (host !== undefined && typeof host !== 'string') throw new UserError(`${at}.host must be a string`);
	return {namespace, ingress, sides, ...(host === undefined ? {} : {host})};
}

export function loadSwitchOverrides(path: string | undefined): SwitchOverride[] {
	if (path === undefined) return [];
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch (error) {
		throw new UserError(`--switches ${path}: ${fileErrorWords(error)}`);
	}
	return parseSwitchOverrides(text, path);
}
