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

/** "line 12: bad indentation of a mapping entry", without the parser's excerpt of the source. */
export function yamlErrorWhere(error: unknown): string {
	if (error instanceof yaml.YAMLException) {
		const line = error.mark ? `line ${error.mark.line + 1}: ` : '';
		return `${line}${error.reason || 'syntax error'}`;
	}
	return 'syntax error';
}
