// YAML text -> plain values, one per document, safely. The `yaml` library's
// lexer and parser are iterative, but its composer and toJS recurse, so the
// parser is driven one token at a time here and stopped as soon as the
// nesting passes the depth limit. Anchors and aliases are counted on the way,
// cyclic and dangling aliases are refused before toJS, and toJS itself caps
// alias expansion (billion laughs). Error words come from the library's error
// codes, never from its messages, which quote the file.
import {Composer, CST, Lexer, LineCounter, Parser, isAlias, isCollection, isPair, type Document, type ErrorCode} from 'yaml';
import {FILE_LIMITS} from './file-limits.js';
import {FileProblem, at} from './file-problem.js';

const ERROR_WORDS: Partial<Record<ErrorCode, string>> = {
	ALIAS_PROPS: 'an alias cannot have a tag or an anchor',
	BAD_ALIAS: 'bad alias',
	BAD_DIRECTIVE: 'bad directive',
	BAD_DQ_ESCAPE: 'bad escape in a double-quoted string',
	BAD_INDENT: 'bad indentation',
	BAD_PROP_ORDER: 'anchor and tag in the wrong order',
	BAD_SCALAR_START: 'a plain value cannot start with this character',
	BLOCK_AS_IMPLICIT_KEY: 'nested mappings are not allowed in compact mappings',
	BLOCK_IN_FLOW: 'block collection inside a flow collection',
	DUPLICATE_KEY: 'duplicate key',
	KEY_OVER_1024_CHARS: 'implicit key longer than 1024 characters',
	MISSING_CHAR: 'missing character (a closing quote or bracket, or a colon)',
	MULTILINE_IMPLICIT_KEY: 'implicit keys must be on one line',
	MULTIPLE_ANCHORS: 'more than one anchor on a node',
	MULTIPLE_TAGS: 'more than one tag on a node',
	NON_STRING_KEY: 'a key that is not a string',
	RESOURCE_EXHAUSTION: 'too many aliases',
	TAB_AS_INDENT: 'tab used as indentation',
	TAG_RESOLVE_FAILED: 'unknown or malformed tag',
	UNEXPECTED_TOKEN: 'unexpected token',
	BAD_COLLECTION_TYPE: 'collection of the wrong type for its tag',
};

/** Every document of the YAML text as plain values. Throws FileProblem. */
export function parseYamlDocuments(text: string): unknown[] {
	const lines = new LineCounter();
	const position = (offset: number) => lines.linePos(offset);
	const {tokens, aliases} = parseTokens(text, lines, position);
	const documents = [...new Composer({uniqueKeys: true, merge: true}).compose(tokens)];
	return documents.map((document) => {
		const error = document.errors[0];
		if (error) throw new FileProblem(`not valid YAML (${at(position(error.pos[0]))}${ERROR_WORDS[error.code] ?? 'syntax error'})`);
		if (aliases > 0) checkAliases(document, position);
		try {
			return document.toJS({maxAliasCount: FILE_LIMITS.maxAliasExpansion}) as unknown;
		} catch (cause) {
			// The library's words quote the alias; ours say what the limit is.
			const words = cause instanceof ReferenceError && /alias count/i.test(cause.message)
				? `aliases would multiply the data more than ${FILE_LIMITS.maxAliasExpansion}-fold`
				: 'its aliases or merge keys cannot be resolved';
			throw new FileProblem(`not valid YAML (${words})`);
		}
	});
}

type Position = (offset: number) => {line: number; col: number};

/** The CST of the text, refusing it once it nests too deep or has too many anchors or aliases. */
function parseTokens(text: string, lines: LineCounter, position: Position): {tokens: CST.Token[]; aliases: number} {
	const parser = new Parser(lines.addNewLine);
	lines.addNewLine(0);
	const tokens: CST.Token[] = [];
	let anchors = 0;
	let aliases = 0;
	let scalarNext = false;
	for (const lexeme of new Lexer().lex(text)) {
		// A scalar marker is followed by the scalar's own text, which is not a token.
		const type: string | null = scalarNext ? 'scalar-text' : CST.tokenType(lexeme);
		scalarNext = type === 'scalar';
		if (type === 'anchor' && ++anchors > FILE_LIMITS.maxAnchors) {
			throw new FileProblem(`${at(position(parser.offset))}more than ${FILE_LIMITS.maxAnchors} YAML anchors`);
		}
		if (type === 'alias' && ++aliases > FILE_LIMITS.maxAliases) {
			throw new FileProblem(`${at(position(parser.offset))}more than ${FILE_LIMITS.maxAliases} YAML aliases`);
		}
		for (const token of parser.next(lexeme)) tokens.push(token);
		// The stack holds the document and every open collection.
		if (parser.stack.length > FILE_LIMITS.maxDepth + 1) {
			throw new FileProblem(`${at(position(parser.offset))}nested deeper than ${FILE_LIMITS.maxDepth} levels`);
		}
	}
	for (const token of parser.end()) tokens.push(token);
	return {tokens, aliases};
}

/**
 * Refuses an alias whose anchor is not defined before it, or encloses it
 * (`&a [*a]`, which would make a cyclic value). Iterative: anchors resolve
 * in document order, as the library resolves them.
 */
function checkAliases(document: Document.Parsed, position: Position): void {
	const latest = new Map<string, unknown>();
	const open = new Set<unknown>();
	const stack: Array<{node: unknown; exit: boolean}> = [{node: document.contents, exit: false}];
	while (stack.length > 0) {
		const {node, exit} = stack.pop()!;
		if (exit) {
			open.delete(node);
			continue;
		}
		if (isPair(node)) {
			stack.push({node: node.value, exit: false}, {node: node.key, exit: false});
			continue;
		}
		if (isAlias(node)) {
			const target = latest.get(node.source);
			const where = at(node.range ? position(node.range[0]) : undefined);
			if (target === undefined) throw new FileProblem(`not valid YAML (${where}an alias names no anchor defined before it)`);
			if (open.has(target)) throw new FileProblem(`not valid YAML (${where}an alias refers to a node that contains it, a cycle)`);
			continue;
		}
		const anchor = (node as {anchor?: string} | null)?.anchor;
		if (anchor !== undefined) latest.set(anchor, node);
		if (isCollection(node)) {
			open.add(node);
			stack.push({node, exit: true});
			const items: unknown[] = node.items;
			for (let i = items.length - 1; i >= 0; i--) stack.push({node: items[i], exit: false});
		}
	}
}
