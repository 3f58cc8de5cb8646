// The config editor's language help: completion of the keys a routing config takes (from the
// server's own table, serverTables.gen.ts), strategy keys inside "strategy", the modes as values of
// "mode", and JSON syntax errors marked as you type.
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { jsonParseLinter } from '@codemirror/lang-json';
import { syntaxTree } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import { CONFIG_NODE_KEYS, CONFIG_STRATEGY_KEYS, CONFIG_STRATEGY_MODES } from '../../api/serverTables.gen';

/** The name of the property whose value is the object around `node`, if any. */
function ownerName(context: CompletionContext, object: SyntaxNode | null): string | null {
  const property = object?.parent;
  if (property?.name !== 'Property') return null;
  const name = property.getChild('PropertyName');
  return name ? context.state.sliceDoc(name.from + 1, name.to - 1) : null;
}

function configCompletion(context: CompletionContext): CompletionResult | null {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  // The value of "mode": the strategy modes.
  if (node.name === 'String' && node.parent?.name === 'Property') {
    const name = node.parent.getChild('PropertyName');
    if (name && context.state.sliceDoc(name.from + 1, name.to - 1) === 'mode') {
      return {
        from: node.from + 1,
        to: node.to - 1,
        options: CONFIG_STRATEGY_MODES.map((m) => ({ label: m, type: 'enum' })),
        validFor: /^\w*$/,
      };
    }
  }
  // A property name (or where one can start) inside an object.
  const inName = node.name === 'PropertyName' ? node : null;
  const object = inName ? (inName.parent?.parent ?? null) : node.name === 'Object' ? node : null;
  if (!object || object.name !== 'Object') return null;
  if (!inName && !context.explicit && !/[{,]\s*$/.test(context.state.sliceDoc(object.from, context.pos))) return null;
  const keys = ownerName(context, object) === 'strategy' ? CONFIG_STRATEGY_KEYS : CONFIG_NODE_KEYS;
  const from = inName ? inName.from : context.pos;
  return {
    from,
    to: inName ? inName.to : context.pos,
    options: keys.map((k) => ({ label: `"${k}"`, apply: `"${k}": `, type: 'property' })),
    validFor: /^"?\w*"?$/,
  };
}

export const configEditorExtensions: Extension[] = [
  autocompletion({ override: [configCompletion], activateOnTyping: true }),
  linter(jsonParseLinter(), { delay: 300 }),
  lintGutter(),
];
