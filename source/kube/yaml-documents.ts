// YAML text -> plain values, one per document, safely and fast. js-yaml
// recurses once per nesting level; its maxDepth stops the parse as soon as
// the nesting passes the limit, long before the stack would overflow.
// Aliases are shared references in js-yaml (parsing never expands them);
// value-limits.ts refuses cycles and expansion beyond the limit before
// anything walks the values. Error words are the parser's own reason cut
// before anything it quotes from the file (parse-errors.ts), never its excerpt.
//
// Why js-yaml and not the `yaml` package, whose limits are built in: measured
// on this machine, `yaml` needed 44 s for a 2 MB double-quoted scalar, 14 s for
// a 3 MB map (its duplicate-key check is quadratic) and 57 s with 1.7 GB for a
// 29 MB List; js-yaml reads each in 0.3 s, 0.9 s and 1.8 s.
import yaml from 'js-yaml';
import {FILE_LIMITS} from './file-limits.js';
import {FileProblem, at} from './file-problem.js';
import {yamlErrorWhere} from './parse-errors.js';

/**
 * YAML 1.2's core schema plus merge keys (`<<`): timestamps stay strings, as
 * in JSON (the model reads RFC 3339 strings), and no tag builds anything but
 * plain values.
 */
const SCHEMA = yaml.CORE_SCHEMA.extend({implicit: [(yaml as unknown as {types: {merge: yaml.Type}}).types.merge]}); // missing from @types/js-yaml

/** Every document of the YAML text as plain values. Throws FileProblem. */
export function parseYamlDocuments(text: string): unknown[] {
	const documents: unknown[] = [];
	// maxDepth (missing from @types/js-yaml) counts open nodes: each collection, and the scalar inside the last.
	const options = {schema: SCHEMA, maxDepth: FILE_LIMITS.maxDepth + 1} as yaml.LoadOptions;
	try {
		yaml.loadAll(text, document => documents.push(document), options);
	} catch (error) {
		if (error instanceof yaml.YAMLException) throw new FileProblem(yamlProblem(error));
		// js-yaml reports everything it finds as a YAMLException; anything else is a bug, and keeps its trace.
		throw error;
	}
	return documents;
}

function yamlProblem(error: yaml.YAMLException): string {
	if (error.reason?.startsWith('nesting exceeded maxDepth')) {
		return `${error.mark ? at({line: error.mark.line + 1, col: error.mark.column + 1}) : ''}nested deeper than ${FILE_LIMITS.maxDepth} levels`;
	}
	return `not valid YAML or JSON (${yamlErrorWhere(error)})`;
}
