// JSON shown as people read it: formatted, syntax-coloured in both themes, foldable, monospace,
// read-only (CodeMirror 6, bundled; its injected style tag carries the page's CSP nonce). With
// `onChange` it is an editor with the same look (config bodies).
import { useEffect, useRef } from 'react';
import { Box, useComputedColorScheme } from '@mantine/core';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { json } from '@codemirror/lang-json';
import { HighlightStyle, codeFolding, foldGutter, foldKeymap, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { CSP_NONCE } from '../lib/nonce';

/** Colours with at least 4.5:1 contrast on the editor background of each theme. */
const light = HighlightStyle.define([
  { tag: tags.propertyName, color: '#1d4ed8' },
  { tag: tags.string, color: '#166534' },
  { tag: tags.number, color: '#9a3412' },
  { tag: [tags.bool, tags.null], color: '#7e22ce' },
  { tag: tags.punctuation, color: '#374151' },
]);
const dark = HighlightStyle.define([
  { tag: tags.propertyName, color: '#93c5fd' },
  { tag: tags.string, color: '#86efac' },
  { tag: tags.number, color: '#fdba74' },
  { tag: [tags.bool, tags.null], color: '#d8b4fe' },
  { tag: tags.punctuation, color: '#d1d5db' },
]);

const frame = (scheme: 'light' | 'dark') =>
  EditorView.theme(
    {
      '&': {
        fontSize: '13px',
        backgroundColor: scheme === 'dark' ? '#1f2023' : '#f8f9fa',
        color: scheme === 'dark' ? '#e9ecef' : '#212529',
      },
      '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
      '.cm-gutters': { backgroundColor: 'transparent', border: 'none', color: scheme === 'dark' ? '#adb5bd' : '#495057' },
      '.cm-scroller': { overflow: 'auto' },
    },
    { dark: scheme === 'dark' },
  );

export function formatJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? 'null';
}

const NO_EXTENSIONS: Extension[] = [];

interface Props {
  value: unknown;
  label: string;
  maxHeight?: number;
  /** Editable mode: the text and a change handler. */
  onChange?: (text: string) => void;
  extensions?: Extension[];
  /** Problems to mark in the text (the server's validation errors); needs the lint extension. */
  diagnostics?: Diagnostic[];
}

export function JsonView({ value, label, maxHeight = 420, onChange, extensions = NO_EXTENSIONS, diagnostics }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const scheme = useComputedColorScheme('light');
  const text = onChange ? String(value ?? '') : formatJson(value);
  const changeRef = useRef(onChange);
  const editable = onChange !== undefined;
  useEffect(() => {
    changeRef.current = onChange;
  });

  useEffect(() => {
    const state = EditorState.create({
      doc: text,
      extensions: [
        json(),
        lineNumbers(),
        codeFolding(),
        foldGutter(),
        keymap.of(foldKeymap),
        syntaxHighlighting(scheme === 'dark' ? dark : light),
        frame(scheme),
        EditorView.cspNonce.of(CSP_NONCE),
        EditorView.lineWrapping,
        EditorState.readOnly.of(!editable),
        EditorView.editable.of(editable),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) changeRef.current?.(u.state.doc.toString());
        }),
        ...extensions,
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => v.destroy();
    // The editor is rebuilt when the theme or extensions change; text changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scheme, label, extensions, editable]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const v = view.current;
    if (v && diagnostics) v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [diagnostics]);

  return <Box ref={host} mah={maxHeight} style={{ overflow: 'auto', borderRadius: 4 }} data-testid="json-view" />;
}
