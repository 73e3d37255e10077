// One-line words for file and YAML problems, shared by the kubeconfig loader
// and the file source. They never quote file content, which may hold secrets.
import yaml from 'js-yaml';

export function fileErrorWords(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return 'no such file';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'is a directory, not a file';
		case 'ENOTDIR':
			return 'not a file (a parent is not a directory)';
		default:
			return code ? `cannot read (${code})` : 'cannot read';
	}
}

/**
 * "line 12, column 3: bad indentation of a mapping entry": js-yaml's reason cut
 * before the first thing it could quote from the file (it quotes tags, aliases
 * and directives: "unknown tag !<...>"), and never its excerpt of the source.
 */
export function yamlErrorWhere(error: unknown): string {
	if (!(error instanceof yaml.YAMLException)) return 'syntax error';
	const words = /^[A-Za-z ,-]*/.exec(error.reason ?? '')?.[0].trim() || 'syntax error';
	return error.mark ? `line ${error.mark.line + 1}, column ${error.mark.column + 1}: ${words}` : words;
}
