// The request snippets in tabs, each with a copy button.
import { Tabs } from '@mantine/core';
import { snippets, type SnippetInput } from '../lib/snippets';
import { CodeBlock } from './CodeBlock';

export function Snippets(input: SnippetInput) {
  const list = snippets(input);
  return (
    <Tabs defaultValue={list[0]!.id} keepMounted={false}>
      <Tabs.List aria-label="Request snippets">
        {list.map((s) => (
          <Tabs.Tab key={s.id} value={s.id}>
            {s.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {list.map((s) => (
        <Tabs.Panel key={s.id} value={s.id} pt="sm">
          <CodeBlock code={s.code} language={s.language} label={`Copy the ${s.label} snippet`} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
